//! (in progress)
#[derive(Debug, Clone, Copy, Default)]
pub struct WrapOptions;
pub fn wrap() {}
