//! A small element tree read with `quick-xml`: the published files are at most a few MB,
//! and the importers need to look ahead (a `num` before its `heading`, a whole `<p>`).

use quick_xml::events::Event;
use quick_xml::reader::Reader;

use crate::XmlError;

/// An element: its local name (namespace prefix dropped), attributes and children.
#[derive(Debug, Clone, Default)]
pub struct El {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Child>,
}

#[derive(Debug, Clone)]
pub enum Child {
    El(El),
    Text(String),
}

impl El {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Child elements.
    pub fn elements(&self) -> impl Iterator<Item = &El> {
        self.children.iter().filter_map(|c| match c {
            Child::El(e) => Some(e),
            Child::Text(_) => None,
        })
    }

    /// The first child element with this name.
    pub fn child(&self, name: &str) -> Option<&El> {
        self.elements().find(|e| e.name == name)
    }

    /// The first element with this name at any depth (this one included).
    pub fn find(&self, name: &str) -> Option<&El> {
        if self.name == name {
            return Some(self);
        }
        self.elements().find_map(|e| e.find(name))
    }

    /// All the text inside, in order, with `skip` elements left out.
    pub fn text_skipping(&self, skip: &[&str]) -> String {
        let mut out = String::new();
        self.push_text(skip, &mut out);
        out
    }

    /// All the text inside.
    pub fn text(&self) -> String {
        self.text_skipping(&[])
    }

    fn push_text(&self, skip: &[&str], out: &mut String) {
        for c in &self.children {
            match c {
                Child::Text(t) => out.push_str(t),
                Child::El(e) if skip.contains(&e.name.as_str()) => {}
                Child::El(e) => e.push_text(skip, out),
            }
        }
    }
}

fn local(name: &[u8]) -> String {
    let name = String::from_utf8_lossy(name);
    match name.rsplit_once(':') {
        Some((_, l)) => l.to_owned(),
        None => name.into_owned(),
    }
}

/// Parse a whole document into its root element.
/// How deep elements may nest. Published acts nest a few dozen levels; a file nested
/// thousands deep is made to exhaust a reader (its walks are recursive) and is refused.
pub const MAX_DEPTH: usize = 256;

/// A parsed document and the names of the entities it used that nothing defines (they
/// are dropped from the text).
pub struct Parsed {
    pub root: El,
    pub undefined: Vec<String>,
}

#[cfg(test)]
pub fn parse(src: &str) -> Result<El, XmlError> {
    parse_reporting(src).map(|p| p.root)
}

/// The entities of HTML that XHTML files use without their DTD.
fn html_entity(name: &str) -> Option<char> {
    Some(match name {
        "nbsp" => '\u{a0}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "hellip" => '…',
        "shy" => '\u{ad}',
        "euro" => '€',
        "copy" => '©',
        "reg" => '®',
        "sect" => '§',
        "para" => '¶',
        "deg" => '°',
        "middot" => '·',
        "bull" => '•',
        "times" => '×',
        _ => return None,
    })
}

/// A character XML 1.0 does not allow: the C0 controls but tab and the line ends.
fn not_xml(c: char) -> bool {
    c < '\u{20}' && !matches!(c, '\t' | '\n' | '\r')
}

pub fn parse_reporting(src: &str) -> Result<Parsed, XmlError> {
    // XML allows no control character but tab and the line ends (not even escaped as
    // `&#0;` in XML 1.0); the parser does not check, so a file holding one is refused
    // here rather than passing it into the text.
    if let Some((offset, c)) = src.char_indices().find(|&(_, c)| not_xml(c)) {
        return Err(XmlError {
            offset,
            message: format!(
                "the control character U+{:04X} is not allowed in XML; the file is damaged or not XML",
                c as u32
            ),
        });
    }
    let mut undefined: Vec<String> = Vec::new();
    let mut reader = Reader::from_str(src);
    let mut stack: Vec<El> = vec![El::default()];
    let err = |reader: &Reader<&[u8]>, message: String| XmlError {
        offset: usize::try_from(reader.error_position()).unwrap_or(0),
        message,
    };
    loop {
        let at = usize::try_from(reader.buffer_position()).unwrap_or(0);
        let event = reader
            .read_event()
            .map_err(|e| err(&reader, e.to_string()))?;
        match event {
            Event::Start(s) => {
                if stack.len() > MAX_DEPTH {
                    return Err(XmlError {
                        offset: at,
                        message: format!(
                            "elements are nested more than {MAX_DEPTH} deep here; no published text nests so deep, so this file is not read"
                        ),
                    });
                }
                stack.push(start(&s, at)?);
            }
            Event::Empty(s) => {
                let el = start(&s, at)?;
                push_child(&mut stack, Child::El(el));
            }
            Event::End(_) => {
                let Some(done) = stack.pop() else {
                    return Err(err(&reader, "an end tag without a start".into()));
                };
                if stack.is_empty() {
                    return Err(err(&reader, "an end tag without a start".into()));
                }
                push_child(&mut stack, Child::El(done));
            }
            Event::Text(t) => {
                let text = t.xml10_content().map_err(|e| err(&reader, e.to_string()))?;
                push_text(&mut stack, &text);
            }
            Event::CData(t) => {
                let text = t.decode().map_err(|e| err(&reader, e.to_string()))?;
                push_text(&mut stack, &text);
            }
            Event::GeneralRef(r) => {
                let text = if r.is_char_ref() {
                    let c = r
                        .resolve_char_ref()
                        .map_err(|e| err(&reader, e.to_string()))?;
                    if let Some(c) = c.filter(|&c| not_xml(c)) {
                        return Err(XmlError {
                            offset: at,
                            message: format!(
                                "the reference to U+{:04X} names a control character XML does not allow",
                                c as u32
                            ),
                        });
                    }
                    c.map(String::from).unwrap_or_default()
                } else {
                    let name = r.decode().map_err(|e| err(&reader, e.to_string()))?;
                    let raw = format!("&{name};");
                    match quick_xml::escape::unescape(&raw) {
                        Ok(c) => c.into_owned(),
                        Err(_) => match html_entity(&name) {
                            Some(c) => c.to_string(),
                            None => {
                                // An entity no DTD here defines (`&xxe;`): never expanded,
                                // never kept as if it were words.
                                if !undefined.contains(&name.to_string()) {
                                    undefined.push(name.into_owned());
                                }
                                String::new()
                            }
                        },
                    }
                };
                push_text(&mut stack, &text);
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if stack.len() != 1 {
        return Err(XmlError {
            offset: src.len(),
            message: format!(
                "the document ends inside <{}>",
                stack.last().map_or("?", |e| e.name.as_str())
            ),
        });
    }
    let root = stack.pop().unwrap_or_default();
    let root = root
        .children
        .into_iter()
        .find_map(|c| match c {
            Child::El(e) => Some(e),
            Child::Text(_) => None,
        })
        .ok_or(XmlError {
            offset: 0,
            message: "there is no root element".into(),
        })?;
    Ok(Parsed { root, undefined })
}

fn start(s: &quick_xml::events::BytesStart<'_>, at: usize) -> Result<El, XmlError> {
    let mut attrs = Vec::new();
    for a in s.attributes() {
        let a = a.map_err(|e| XmlError {
            offset: at,
            message: e.to_string(),
        })?;
        let value = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map(|v| v.into_owned())
            .unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into_owned());
        attrs.push((local(a.key.as_ref()), value));
    }
    Ok(El {
        name: local(s.name().as_ref()),
        attrs,
        children: Vec::new(),
    })
}

fn push_child(stack: &mut [El], child: Child) {
    if let Some(top) = stack.last_mut() {
        top.children.push(child);
    }
}

fn push_text(stack: &mut [El], text: &str) {
    if let Some(top) = stack.last_mut() {
        if let Some(Child::Text(t)) = top.children.last_mut() {
            t.push_str(text);
        } else {
            top.children.push(Child::Text(text.to_owned()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undefined_entities_are_dropped_and_named() {
        let p = parse_reporting(
            "<!DOCTYPE a [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><a>one &xxe; two&nbsp;three &amp; &#x41;</a>",
        )
        .expect("parses");
        assert_eq!(p.root.text(), "one  two\u{a0}three & A");
        assert_eq!(p.undefined, ["xxe"]);
    }

    /// Found by fuzzing: NUL bytes inside an element reached the text, which the
    /// parser then refused as binary.
    #[test]
    fn control_characters_xml_forbids_are_refused_with_their_place() {
        let err = parse_reporting("<a>\n<p>Th\u{0}is</p></a>")
            .err()
            .expect("refused");
        assert_eq!(err.offset, 9);
        assert!(err.message.contains("U+0000"), "{}", err.message);
        let err = parse_reporting("<a>x&#27;[2J</a>").err().expect("refused");
        assert!(err.message.contains("U+001B"), "{}", err.message);
        let fine = parse_reporting("<a>\ttab\r\nline &#10;</a>").expect("parses");
        assert_eq!(fine.root.text(), "\ttab\nline \n");
    }

    #[test]
    fn nesting_past_the_limit_is_an_error_not_a_crash() {
        let deep = format!("{}x{}", "<p>".repeat(100_000), "</p>".repeat(100_000));
        let err = parse_reporting(&deep).err().expect("refused");
        assert!(err.message.contains("nested more than"), "{}", err.message);
        let fine = format!("{}x{}", "<p>".repeat(200), "</p>".repeat(200));
        assert!(parse_reporting(&fine).is_ok());
    }
}
