//! A feed's XML as a small tree, namespaces resolved, `xml:base` and
//! `xml:lang` carried down to every element.
//!
//! Feeds come in many dialects (RSS 0.90 to 2.0, RSS 1.0 in RDF, Atom 0.3
//! and 1.0) and each dialect in many spellings: the core elements with no
//! namespace, in a default namespace, or behind a prefix (`<atom:feed>`),
//! extension prefixes used without being declared. Reading them all the
//! way feedparser does needs the element's namespace and local name, the
//! language and base address in scope, and the markup of mixed content
//! (Atom `xhtml`, raw XHTML pasted into a description). This tree gives
//! exactly that to [`super::dialects`]; it is built with `quick-xml`'s
//! streaming reader, without recursion (nesting is capped beforehand by
//! [`super::guard`]).
//!
//! Entities: the five XML ones and character references are resolved;
//! an HTML entity a feed uses without declaring it (`&nbsp;`, `&hellip;`,
//! which feedparser also accepts) is resolved as HTML does, and one
//! nobody knows stays as it was written.

use quick_xml::events::Event;

/// The XML namespace (`xml:lang`, `xml:base`).
pub const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// Namespaces conventionally bound to a prefix, for feeds that use the
/// prefix without declaring it.
const CONVENTIONAL: &[(&str, &str)] = &[
    ("dc", "http://purl.org/dc/elements/1.1/"),
    ("dcterms", "http://purl.org/dc/terms/"),
    ("content", "http://purl.org/rss/1.0/modules/content/"),
    ("media", "http://search.yahoo.com/mrss/"),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("atom", "http://www.w3.org/2005/Atom"),
    ("feedburner", "http://rssnamespace.org/feedburner/ext/1.0"),
    ("xml", XML_NS),
];

/// One element.
#[derive(Debug, Clone, Default)]
pub struct Element {
    /// Its namespace (empty when none), as declared.
    pub ns: String,
    /// Its local name.
    pub name: String,
    pub attrs: Vec<Attr>,
    pub children: Vec<Node>,
    /// The base address in scope (`xml:base` resolved against the
    /// document's address), when known and absolute.
    pub base: Option<url::Url>,
    /// The language in scope (`xml:lang`), when given.
    pub lang: Option<String>,
}

/// One attribute.
#[derive(Debug, Clone)]
pub struct Attr {
    /// Its namespace (empty when unprefixed).
    pub ns: String,
    pub name: String,
    pub value: String,
}

/// A child: an element (boxed, so a text node stays small) or text.
#[derive(Debug, Clone)]
pub enum Node {
    Element(Box<Element>),
    Text(String),
}

/// Why the XML could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlError {
    pub line: usize,
    pub message: String,
    /// Refused for its size (too many elements, entities expanding too
    /// far) rather than broken.
    pub refused: bool,
}

/// The most elements a feed may hold (the largest real feeds hold tens of
/// thousands; each costs memory in the tree).
pub const MAX_ELEMENTS: usize = 250_000;

impl Element {
    /// The value of the unprefixed attribute `name` (or in namespace `ns`).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.ns.is_empty() && a.name == name)
            .map(|a| a.value.as_str())
    }

    pub fn attr_ns(&self, ns: &str, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.ns == ns && a.name == name)
            .map(|a| a.value.as_str())
    }

    /// The child elements.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(&**e),
            Node::Text(_) => None,
        })
    }

    /// Whether it has child elements.
    pub fn has_elements(&self) -> bool {
        self.elements().next().is_some()
    }

    /// All its text, child elements' included, in order.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let mut stack: Vec<std::slice::Iter<'_, Node>> = vec![self.children.iter()];
        while let Some(top) = stack.last_mut() {
            match top.next() {
                Some(Node::Text(t)) => out.push_str(t),
                Some(Node::Element(e)) => stack.push(e.children.iter()),
                None => {
                    stack.pop();
                }
            }
        }
        out
    }

    /// Its content as markup (text escaped, child elements written out
    /// without their namespaces): the HTML of an Atom `xhtml` text or of
    /// XHTML pasted unescaped into a description.
    pub fn inner_markup(&self) -> String {
        let mut out = String::new();
        // (children left, name to close when they are done)
        let mut stack: Vec<(std::slice::Iter<'_, Node>, Option<&str>)> =
            vec![(self.children.iter(), None)];
        while let Some((top, _)) = stack.last_mut() {
            match top.next() {
                Some(Node::Text(t)) => escape_into(&mut out, t, false),
                Some(Node::Element(e)) => {
                    out.push('<');
                    out.push_str(&e.name);
                    for a in &e.attrs {
                        out.push(' ');
                        out.push_str(&a.name);
                        out.push_str("=\"");
                        escape_into(&mut out, &a.value, true);
                        out.push('"');
                    }
                    out.push('>');
                    // An HTML void element has no end tag: what an
                    // unclosed `<br>` swallowed follows it.
                    let void = HTML_VOID.contains(&e.name.to_ascii_lowercase().as_str());
                    stack.push((e.children.iter(), (!void).then_some(e.name.as_str())));
                }
                None => {
                    if let Some((_, Some(name))) = stack.pop() {
                        out.push_str("</");
                        out.push_str(name);
                        out.push('>');
                    }
                }
            }
        }
        out
    }

    /// Every descendant element, depth first, in document order.
    pub fn descendants(&self) -> Vec<&Element> {
        let mut out = Vec::new();
        let mut stack: Vec<std::slice::Iter<'_, Node>> = vec![self.children.iter()];
        while let Some(top) = stack.last_mut() {
            match top.next() {
                Some(Node::Element(e)) => {
                    out.push(&**e);
                    stack.push(e.children.iter());
                }
                Some(Node::Text(_)) => {}
                None => {
                    stack.pop();
                }
            }
        }
        out
    }
}

/// HTML elements without content or end tag.
const HTML_VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

fn escape_into(out: &mut String, s: &str, attr: bool) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attr => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

/// An element being built, with the namespace bindings it declared.
struct Open {
    element: Element,
    /// Its qualified name, as written in its start tag.
    qname: String,
    /// The prefixes this element bound.
    bound: Vec<(String, String)>,
}

/// Parse `text` into its root element. `base` is the document's address.
pub fn parse(text: &str, base: Option<&url::Url>) -> Result<Element, XmlError> {
    let mut reader = quick_xml::Reader::from_str(text);
    let config = reader.config_mut();
    // Feeds in the wild close elements sloppily; the tree follows the
    // opening tags (as feedparser's loose parser does).
    config.check_end_names = false;
    let mut bindings: Vec<(String, String)> = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut root: Option<Element> = None;
    let mut entities = std::collections::HashMap::new();
    // Entities the DOCTYPE declares, and the bytes their references have
    // expanded to so far.
    let mut declared: Vec<(String, String)> = Vec::new();
    let mut expanded = 0usize;
    // Whether a tag was left unclosed or an end tag matched nothing.
    let mut recovered = false;
    let mut elements = 0usize;
    let line_of = |pos: u64| {
        let pos = usize::try_from(pos).unwrap_or(usize::MAX).min(text.len());
        text.as_bytes()[..pos]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    };
    loop {
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                return Err(XmlError {
                    line: line_of(reader.error_position()),
                    message: crate::text::sanitize_line(&e.to_string()).into_owned(),
                    refused: false,
                });
            }
        };
        match event {
            Event::Start(s) | Event::Empty(s) if root.is_some() => {
                // Content after the root element is ignored.
                let _ = s;
            }
            Event::Start(_) | Event::Empty(_) if elements >= MAX_ELEMENTS => {
                return Err(XmlError {
                    line: line_of(reader.buffer_position()),
                    message: format!(
                        "the document holds more than {MAX_ELEMENTS} elements; no feed needs that"
                    ),
                    refused: true,
                });
            }
            Event::Start(s) => {
                elements += 1;
                let open = open_element(&s, &mut bindings, stack.last().map(|o| &o.element), base);
                stack.push(open);
            }
            Event::Empty(s) => {
                elements += 1;
                let open = open_element(&s, &mut bindings, stack.last().map(|o| &o.element), base);
                close(open, &mut bindings, &mut stack, &mut root);
            }
            // An end tag closes the innermost element of its name, and
            // every element left open inside it (`<br>` in XHTML pasted
            // unescaped); an end tag that matches nothing open is ignored.
            Event::End(e) => {
                let name = e.name();
                let name: &str = name.as_ref();
                match stack.iter().rposition(|o| o.qname == name) {
                    Some(at) => {
                        recovered |= at + 1 != stack.len();
                        while stack.len() > at {
                            let Some(open) = stack.pop() else { break };
                            close(open, &mut bindings, &mut stack, &mut root);
                        }
                    }
                    None => recovered = true,
                }
            }
            Event::Text(t) => push_text(&mut stack, &t.xml10_content()),
            Event::CData(c) => push_text(&mut stack, &c.xml10_content()),
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => match declared.iter().find(|(n, _)| n == &*r) {
                        Some((_, v)) => {
                            // Each reference expands once; the total is
                            // bounded, so no declaration can blow up.
                            expanded += v.len();
                            if expanded > MAX_EXPANSION {
                                return Err(XmlError {
                                    line: line_of(reader.buffer_position()),
                                    message: format!(
                                        "its declared entities expand to over {} MiB",
                                        MAX_EXPANSION >> 20
                                    ),
                                    refused: true,
                                });
                            }
                            v.clone()
                        }
                        None => entity(&r, &mut entities),
                    },
                    Err(_) => format!("&{};", &*r),
                };
                push_text(&mut stack, &resolved);
            }
            Event::DocType(d) => {
                declared = super::guard::entities(&d).unwrap_or_default();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // Elements left open at the end. Only the root and the channel, in a
    // document otherwise well formed: the publisher forgot their end tags,
    // every item is whole, and the tree is closed (as feedparser reads
    // it). Anything deeper, or in a document already mended: it was cut
    // short, and what is missing cannot be known.
    if stack.len() > 2 || (!stack.is_empty() && recovered) {
        return Err(XmlError {
            line: line_of(text.len() as u64),
            message: format!(
                "the document ends inside <{}>: it was cut short",
                stack.last().map_or("", |o| o.element.name.as_str())
            ),
            refused: false,
        });
    }
    while let Some(open) = stack.pop() {
        close(open, &mut bindings, &mut stack, &mut root);
    }
    root.ok_or(XmlError {
        line: line_of(text.len() as u64),
        message: "no root element: the document holds no XML element".into(),
        refused: false,
    })
}

fn push_text(stack: &mut [Open], t: &str) {
    if let Some(open) = stack.last_mut() {
        match open.element.children.last_mut() {
            Some(Node::Text(prev)) => prev.push_str(t),
            _ => open.element.children.push(Node::Text(t.to_string())),
        }
    }
}

/// The most bytes references to declared entities may expand to.
const MAX_EXPANSION: usize = 4 << 20;

/// The most distinct undeclared entity names looked up in one document
/// (each costs an HTML parse; beyond it they stay as written, and HTML
/// text still decodes them when it is parsed).
const MAX_ENTITY_LOOKUPS: usize = 256;

/// A named entity: XML's five, else what HTML means by it (remembered in
/// `seen`), else as written.
fn entity(name: &str, seen: &mut std::collections::HashMap<String, String>) -> String {
    match name {
        "lt" => return "<".into(),
        "gt" => return ">".into(),
        "amp" => return "&".into(),
        "quot" => return "\"".into(),
        "apos" => return "'".into(),
        _ => {}
    }
    let literal = format!("&{name};");
    if let Some(v) = seen.get(name) {
        return v.clone();
    }
    if name.len() > 32
        || !name.chars().all(|c| c.is_ascii_alphanumeric())
        || seen.len() >= MAX_ENTITY_LOOKUPS
    {
        return literal;
    }
    let doc = scraper::Html::parse_fragment(&literal);
    let text: String = doc.root_element().text().collect();
    let value = if text.is_empty() { literal } else { text };
    seen.insert(name.to_string(), value.clone());
    value
}

fn split_qname(q: &str) -> (Option<&str>, &str) {
    match q.split_once(':') {
        Some((p, l)) => (Some(p), l),
        None => (None, q),
    }
}

fn lookup(bindings: &[(String, String)], prefix: Option<&str>) -> String {
    let key = prefix.unwrap_or("");
    if let Some((_, uri)) = bindings.iter().rev().find(|(p, _)| p == key) {
        return uri.clone();
    }
    match prefix {
        None => String::new(),
        Some(p) => CONVENTIONAL
            .iter()
            .find(|(cp, _)| cp.eq_ignore_ascii_case(p))
            .map_or_else(
                || format!("urn:undeclared-prefix:{p}"),
                |(_, u)| (*u).to_string(),
            ),
    }
}

fn open_element(
    s: &quick_xml::events::BytesStart<'_>,
    bindings: &mut Vec<(String, String)>,
    parent: Option<&Element>,
    doc_base: Option<&url::Url>,
) -> Open {
    let qname = s.name();
    let qname: &str = qname.as_ref();
    let mut raw: Vec<(String, String)> = Vec::new();
    let mut bound = Vec::new();
    for a in s.attributes().with_checks(false).flatten() {
        let key: &str = a.key.as_ref();
        let value = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map(|v| v.into_owned())
            .unwrap_or_else(|_| a.value.clone().into_owned());
        if key == "xmlns" {
            bound.push((String::new(), value.trim().to_string()));
        } else if let Some(p) = key.strip_prefix("xmlns:") {
            bound.push((p.to_string(), value.trim().to_string()));
        } else {
            raw.push((key.to_string(), value));
        }
    }
    bindings.extend(bound.iter().cloned());
    let (prefix, local) = split_qname(qname);
    let ns = lookup(bindings, prefix);
    let attrs: Vec<Attr> = raw
        .into_iter()
        .map(|(key, value)| {
            let (p, l) = split_qname(&key);
            Attr {
                // Unprefixed attributes are in no namespace.
                ns: if p.is_some() {
                    lookup(bindings, p)
                } else {
                    String::new()
                },
                name: l.to_string(),
                value,
            }
        })
        .collect();
    let parent_base = parent
        .and_then(|p| p.base.clone())
        .or_else(|| doc_base.cloned());
    let base = match attrs.iter().find(|a| a.ns == XML_NS && a.name == "base") {
        Some(a) => {
            let v = a.value.trim();
            match &parent_base {
                Some(b) => b.join(v).ok().or(parent_base.clone()),
                None => url::Url::parse(v).ok(),
            }
        }
        None => parent_base,
    };
    let lang = attrs
        .iter()
        .find(|a| a.ns == XML_NS && a.name == "lang")
        .map(|a| a.value.trim().to_string())
        .or_else(|| parent.and_then(|p| p.lang.clone()));
    Open {
        element: Element {
            ns,
            name: local.to_string(),
            attrs,
            children: Vec::new(),
            base,
            lang,
        },
        qname: qname.to_string(),
        bound,
    }
}

fn close(
    open: Open,
    bindings: &mut Vec<(String, String)>,
    stack: &mut [Open],
    root: &mut Option<Element>,
) {
    let n = bindings.len().saturating_sub(open.bound.len());
    bindings.truncate(n);
    match stack.last_mut() {
        Some(parent) => {
            let mut element = open.element;
            // Most elements hold one child or none: no spare room kept.
            element.children.shrink_to_fit();
            parent
                .element
                .children
                .push(Node::Element(Box::new(element)));
        }
        None => *root = Some(open.element),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespaces_bases_languages_and_entities() {
        let xml = r#"<?xml version="1.0"?><a:feed xmlns:a="http://www.w3.org/2005/Atom" xml:lang="ja" xml:base="https://ex.jp/blog/">
<a:entry xml:base="posts/"><a:link href="1.html"/><a:title>東京&nbsp;&amp;&#x41;&bogus;</a:title><dc:date>2016</dc:date>
<a:content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p class="x">a &lt; b</p></div></a:content></a:entry></a:feed>"#;
        let root = parse(xml, None).unwrap();
        assert_eq!(
            (root.ns.as_str(), root.name.as_str()),
            ("http://www.w3.org/2005/Atom", "feed")
        );
        let entry = root.elements().next().unwrap();
        assert_eq!(
            entry.base.as_ref().unwrap().as_str(),
            "https://ex.jp/blog/posts/"
        );
        assert_eq!(entry.lang.as_deref(), Some("ja"));
        let kids: Vec<_> = entry.elements().collect();
        assert_eq!(kids[1].text(), "東京\u{a0}&A&bogus;");
        assert_eq!(kids[2].ns, "http://purl.org/dc/elements/1.1/");
        assert_eq!(
            kids[3].inner_markup(),
            "<div><p class=\"x\">a &lt; b</p></div>"
        );
    }

    #[test]
    fn declared_entities_expand_once_within_a_budget() {
        let doc =
            "<!DOCTYPE rss [<!ENTITY id \"tag:example.com,\">]><rss><guid>&id;2006</guid></rss>";
        assert_eq!(parse(doc, None).unwrap().text(), "tag:example.com,2006");
        let big = format!(
            "<!DOCTYPE rss [<!ENTITY a \"{}\">]><rss>{}</rss>",
            "x".repeat(1000),
            "&a;".repeat(5000)
        );
        let e = parse(&big, None).unwrap_err();
        assert!(e.refused && e.message.contains("expand"), "{e:?}");
        let many = format!("<rss>{}</rss>", "<x/>".repeat(MAX_ELEMENTS));
        let e = parse(&many, None).unwrap_err();
        assert!(e.refused && e.message.contains("elements"), "{e:?}");
    }

    #[test]
    fn broken_xml_is_an_error_with_a_line() {
        let e = parse("<rss>\n<channel>\n<item><title>x</title>", None).unwrap_err();
        assert_eq!(e.line, 3);
        assert!(
            e.message.contains("ends inside <item>: it was cut short"),
            "{e:?}"
        );
        // Unclosed and stray tags in pasted XHTML are recovered from.
        let root = parse("<rss><channel><item><description><p>a<br>b</p></x></description></item></channel></rss>", None).unwrap();
        let item = root.elements().next().unwrap().elements().next().unwrap();
        assert_eq!(
            item.elements().next().unwrap().inner_markup(),
            "<p>a<br>b</p>"
        );
        // Only the root and channel left open: every item is whole.
        let root = parse("<rss>\n<channel>\n<item><title>x</title></item>", None).unwrap();
        assert_eq!(root.elements().next().unwrap().elements().count(), 1);
        let e = parse("<rss>\n<channel>\n<title x='1' x='2'>a</title><", None).unwrap_err();
        assert_eq!(e.line, 3);
        assert!(parse("   ", None).is_err());
    }

    proptest::proptest! {
        #[test]
        fn any_markup_is_a_tree_or_an_error_never_a_panic(
            s in "(<[a-z:]{1,6}( [a-z:]{1,5}=\"[^\"<]{0,5}\")?/?>|</[a-z:]{1,6}>|&[a-z#0-9]{0,5};?|[^<&]{0,6}){0,40}"
        ) {
            if let Ok(root) = parse(&s, None) {
                let _ = root.inner_markup();
                let _ = root.text();
            }
            let _ = crate::feeds::dialects::read(&s, None);
        }
    }
}
