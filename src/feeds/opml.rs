//! OPML, the list of feeds other readers import and export: the feeds an
//! OPML document lists (`yomu feeds import-opml`) and the subscriptions
//! written as one (`yomu feeds export-opml`).

use super::subscriptions::Subscriptions;
use crate::i18n::{Msg, t, tf};

/// The feeds listed in an OPML document: `(title, xmlUrl)` of every
/// `<outline>` with an `xmlUrl`, at any depth (categories are flattened).
pub fn read_opml(bytes: &[u8]) -> Result<Vec<(Option<String>, String)>, String> {
    use quick_xml::events::Event;
    let text = super::encoding::decode(bytes, None).text;
    super::guard::check(&text).map_err(|e| e.to_string())?;
    let mut reader = quick_xml::Reader::from_str(&text);
    let mut out = Vec::new();
    let mut saw_opml = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                let local = e.local_name();
                let name = local.as_ref();
                if name.eq_ignore_ascii_case("opml") {
                    saw_opml = true;
                }
                if name != "outline" {
                    continue;
                }
                let (mut url, mut title, mut text_attr) = (None, None, None);
                for a in e.attributes().flatten() {
                    let v = a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map(|v| v.trim().to_string())
                        .ok();
                    match a.key.as_ref() {
                        "xmlUrl" | "xmlurl" => url = v,
                        "title" => title = v,
                        "text" => text_attr = v,
                        _ => {}
                    }
                }
                if let Some(u) = url.filter(|u| !u.is_empty()) {
                    out.push((title.or(text_attr).filter(|t| !t.is_empty()), u));
                }
            }
            Ok(Event::Eof) => break,
            Err(e) => return Err(tf(Msg::CliOpmlNotXml, &[&e])),
            Ok(_) => {}
        }
    }
    if !saw_opml {
        return Err(t(Msg::CliOpmlMissing).into());
    }
    Ok(out)
}

/// `subs` as an OPML 2.0 document.
pub fn to_opml(subs: &Subscriptions) -> String {
    use quick_xml::escape::escape;
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n    <title>yomu subscriptions</title>\n  </head>\n  <body>\n",
    );
    for s in &subs.feeds {
        let n = escape(s.name.as_str());
        out.push_str(&format!(
            "    <outline type=\"rss\" text=\"{n}\" title=\"{n}\" xmlUrl=\"{}\"/>\n",
            escape(s.url.as_str())
        ));
    }
    out.push_str("  </body>\n</opml>\n");
    out
}
