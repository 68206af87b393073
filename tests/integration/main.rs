//! The one integration-test binary: fixture portals built end to end.

mod cli;
mod output;
mod rules;
mod site;
mod support;
mod theme;
