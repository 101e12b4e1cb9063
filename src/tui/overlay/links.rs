//! The links overlay (`L`): every source of the briefing, numbered; a
//! number typed opens that link, Enter the selected one, `y` copies it,
//! `a` reads the selected one's article inside yomu.

use ratatui::style::Style;

use super::Overlay;
use crate::i18n::{Msg, tf};
use crate::layout::{Link, Role};
use crate::text::sanitize_line;
use crate::tui::keys::Action;
use crate::tui::screen::{Effect, Outcome, moved};
use crate::tui::style::Theme;

/// Apply an action to the list of `links` (selection, digits typed).
pub(super) fn update(
    links: &[Link],
    selected: usize,
    mut typed: String,
    action: Action,
    height: usize,
) -> (Option<Overlay>, Outcome) {
    let n = links.len();
    let url = |i: usize| links.get(i).map(|l| l.url.clone());
    let open = |selected, typed| Some(Overlay::Links { selected, typed });
    match action {
        Action::Back => (None, Outcome::Stay),
        Action::Enter => {
            let pick = typed
                .parse::<usize>()
                .ok()
                .and_then(|k| k.checked_sub(1))
                .unwrap_or(selected);
            match url(pick) {
                Some(u) => (None, Outcome::Effect(Effect::Open(u))),
                None => (
                    open(selected, String::new()),
                    Outcome::Status(tf(Msg::NoLinkNumber, &[&typed])),
                ),
            }
        }
        Action::ReadArticle => match url(selected) {
            Some(u) => (None, Outcome::ReadArticle(u)),
            None => (open(selected, typed), Outcome::Stay),
        },
        Action::Copy => {
            let effect = url(selected).map_or(Outcome::Stay, |u| Outcome::Effect(Effect::Copy(u)));
            (open(selected, typed), effect)
        }
        Action::Digit(d) => {
            typed.push(char::from(b'0' + d));
            let k: usize = typed.parse().unwrap_or(0);
            // Open at once when no longer number can start with these digits.
            if k >= 1 && k <= n && k * 10 > n {
                let effect = url(k - 1).map_or(Outcome::Stay, |u| Outcome::Effect(Effect::Open(u)));
                return (None, effect);
            }
            let mut outcome = Outcome::Stay;
            if k == 0 || k > n {
                outcome = Outcome::Status(tf(Msg::NoLinkNumber, &[&typed]));
                typed.clear();
            }
            let selected = if k >= 1 && k <= n { k - 1 } else { selected };
            (open(selected, typed), outcome)
        }
        Action::Help => (Some(Overlay::Help { scroll: 0 }), Outcome::Stay),
        a => (
            open(moved(selected, a, n.max(1), height), String::new()),
            Outcome::Stay,
        ),
    }
}

/// Two lines a link: number, section, name and host; the URL below.
pub(super) fn lines(links: &[Link], theme: Theme) -> Vec<(String, Style)> {
    let digits = links.len().to_string().len();
    let mut lines = Vec::new();
    for l in links {
        // The host the browser will really go to, and a warning when the
        // address pretends otherwise.
        let parsed = url::Url::parse(&l.url).ok();
        let host = parsed
            .as_ref()
            .map(crate::links::shown_host)
            .unwrap_or_default();
        let warn = parsed
            .as_ref()
            .and_then(crate::links::deception)
            .map(|d| {
                let say = match d {
                    crate::links::Deception::UserInfo { .. } => Msg::DeceptiveUser,
                    crate::links::Deception::MixedScript { .. } => Msg::DeceptiveScript,
                };
                format!(" {}", crate::i18n::t(say))
            })
            .unwrap_or_default();
        lines.push((
            format!(
                "[{:>digits$}] §{} {} — {host}{warn}",
                l.number,
                l.section + 1,
                l.name,
            ),
            Style::new(),
        ));
        lines.push((
            format!("{:digits$}   {}", "", sanitize_line(&l.url)),
            theme.role(Role::Url),
        ));
    }
    lines
}
