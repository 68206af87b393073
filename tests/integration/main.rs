//! The one integration-test binary: fixture portals built end to end.

mod accessibility;
mod bench_gen;
mod cli;
mod output;
mod rules;
#[cfg(feature = "serve")]
mod serve;
mod site;
mod support;
mod theme;
