//! Commands, one file per verb.

pub mod theme;
