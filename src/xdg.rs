//! The XDG base directories yomu uses (configuration and state): the
//! variable when it holds an absolute path, else the default under `$HOME`.

use std::path::{Path, PathBuf};

/// yomu's folder under the base directory `var` (`XDG_CONFIG_HOME`), or
/// under `$HOME/<home_default>` (`.config`) when the variable is unset,
/// empty or relative; `None` without either.
pub fn yomu_dir(var: &str, home_default: &str) -> Option<PathBuf> {
    let base = std::env::var_os(var)
        .filter(|v| !v.is_empty() && Path::new(v).is_absolute())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(home_default))
        })?;
    Some(base.join("yomu"))
}
