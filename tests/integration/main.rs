//! The one integration-test binary: fixture portals built end to end.

mod accessibility;
mod addresses;
mod architecture;
mod authoring;
mod bad_input;
mod bench_gen;
mod bidi;
mod cli;
mod crash;
mod field_names;
mod figures;
mod footer;
mod governance;
mod history;
mod history_bounds;
mod history_stream;
mod hostile;
mod hosting;
mod import_large;
mod interop;
mod navigation;
mod notice_print;
mod output;
mod placeholders;
mod real_data;
mod residents;
mod rules;
mod sentences;
#[cfg(feature = "serve")]
mod serve;
#[cfg(feature = "serve")]
mod serve_robust;
mod site;
mod support;
mod theme;
mod unknown;
