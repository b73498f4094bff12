//! Small text helpers for annotation files.

/// A slug for file names and IDs: lowercase ASCII letters and digits joined by `-`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Electronic Frontier Foundation (EFF)"),
            "electronic-frontier-foundation-eff"
        );
        assert_eq!(slug("ARTICLE 19"), "article-19");
        assert_eq!(slug("Privacy International!"), "privacy-international");
    }
}
