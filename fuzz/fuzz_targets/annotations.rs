//! Any text as an annotation file: loading never panics, and every problem it reports
//! points inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let file = treaty_annotate::load(src);
    for p in &file.problems {
        if let Some(span) = &p.span {
            assert!(span.start <= span.end && span.end <= src.len(), "{p:?}");
        }
    }
});
