//! Any text: finding its cross-references never panics, and every reference's span lies
//! on character boundaries of the words it was read from.
#![no_main]

use libfuzzer_sys::fuzz_target;
use treaty_model::TextField;

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = treaty_parse::parse(data) else {
        return;
    };
    for r in treaty_refs::find(&doc) {
        let node = doc.find(&r.from).expect("a reference's clause exists");
        let text = match r.field {
            TextField::Closing => node.closing.as_deref().unwrap_or(""),
            _ => node.text.as_str(),
        };
        assert!(r.span[0] <= r.span[1] && r.span[1] <= text.len());
        assert_eq!(text.get(r.span[0]..r.span[1]), Some(r.text.as_str()));
    }
});
