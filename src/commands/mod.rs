//! The commands beside `build`: each one goes through the pipeline's stages
//! (load → parse → model → render → write) and never around them.

pub mod bench_gen;
pub mod check;
pub mod cms;
pub mod export;
pub mod import;
pub(crate) mod json_schema;
pub mod scaffold;
#[cfg(feature = "serve")]
pub mod serve;
