//! The configuration through the binary: an invalid file is an error with
//! its line and column, values apply and flags override them, and (in
//! tmux) a configuration cannot take away every way to quit.

use crate::common::{TempDir, Tmux, have_tmux, workspace, yomu_bin};
use std::process::Output;

fn yomu(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = crate::common::yomu();
    cmd.args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("yomu runs")
}

fn temp(name: &str) -> TempDir {
    TempDir::new(&format!("cfg-{name}"))
}

fn seed() -> String {
    format!(
        "{}/briefings/zelensky-peace-2025.toml",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn an_invalid_config_is_an_error_with_line_and_column() {
    let dir = temp("invalid");
    let file = dir.join("config.toml");
    std::fs::write(&file, "theme = \"dark\"\nexport_widht = 40\n").unwrap();
    let shown = file.display().to_string();
    let out = yomu(&["--config", &shown, "export", &seed()], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with(&format!("{shown}:2:1: error: unknown key `export_widht`\n")),
        "{err}"
    );
    assert!(err.contains("2 | export_widht = 40\n"), "{err}");
    assert!(err.contains("^^^^^^^^^^^^"), "{err}");
    assert!(err.contains("did you mean `export_width`?"), "{err}");
    // --no-config ignores it.
    let out = yomu(&["--no-config", "export", &seed()], &[]);
    assert!(out.status.success());
    // A --config file that does not exist is an error too.
    let missing = dir.join("missing.toml").display().to_string();
    let out = yomu(&["check", "--config", &missing, &seed()], &[]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn config_values_apply_and_flags_override_them() {
    let dir = temp("values");
    let cfgdir = dir.join("yomu");
    std::fs::create_dir_all(&cfgdir).unwrap();
    std::fs::write(cfgdir.join("config.toml"), "export_width = 30\n").unwrap();
    let xdg = dir.path().display().to_string();
    let widest = |out: &Output| {
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter(|l| !l.contains("://"))
            .map(unicode_width::UnicodeWidthStr::width)
            .max()
            .unwrap_or(0)
    };
    let out = yomu(&["export", &seed()], &[("XDG_CONFIG_HOME", &xdg)]);
    assert!(out.status.success());
    assert!(widest(&out) <= 30 && widest(&out) > 20, "{}", widest(&out));
    let out = yomu(
        &["export", "-w", "60", &seed()],
        &[("XDG_CONFIG_HOME", &xdg)],
    );
    assert!(widest(&out) > 30, "the flag wins");
}

#[test]
fn a_config_cannot_take_away_every_way_to_quit() {
    if !have_tmux() {
        return;
    }
    let (dir, env) = workspace("quitkeys");
    let cfg = dir.join("config/yomu");
    std::fs::create_dir_all(&cfg).expect("dir");
    std::fs::write(
        cfg.join("config.toml"),
        "[keys]\ndown = [\"C-c\", \"q\"]\nup = [\"Esc\"]\n",
    )
    .expect("config");
    let t = Tmux::start("quitkeys", 120, 24, &env);
    t.run(&format!(
        "{} {}; echo EXIT=$?",
        yomu_bin().display(),
        dir.join("lib/zelensky-peace-2025.toml").display()
    ));
    let s = t.wait("1/4 cover");
    assert!(
        s.contains("config: Ctrl-c always quits; it was not given to down (and 1 more)"),
        "{s}"
    );
    t.keys(&["C-c"]);
    t.wait("EXIT=0");
    let _ = std::fs::remove_dir_all(&dir);
}
