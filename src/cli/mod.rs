//! Parts of the command line that are more than argument parsing.

pub(crate) mod cms;
pub(crate) mod interop;
