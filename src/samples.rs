//! The sample briefings, built into the binary so that `yomu` run anywhere
//! (with no `./briefings` folder and no argument) still has something to show.

/// `(file name, TOML text)` of every built-in sample.
pub const SAMPLES: &[(&str, &str)] = &[
    (
        "zelensky-peace-2025.toml",
        include_str!("../briefings/zelensky-peace-2025.toml"),
    ),
    (
        "yomu-guide.toml",
        include_str!("../briefings/yomu-guide.toml"),
    ),
    (
        "bilingual-tech.toml",
        include_str!("../briefings/bilingual-tech.toml"),
    ),
];

/// The seed sample (the Japanese news briefing the product was made from).
pub fn seed() -> &'static str {
    SAMPLES[0].1
}
