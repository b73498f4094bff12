//! Any bytes as each published format: an import never panics, and what an XML import
//! writes the parser reads. Text from a PDF passes through as it is, so it may be as empty
//! or as binary as its input; the command that imports it says so.
#![no_main]

use libfuzzer_sys::fuzz_target;
use treaty_formats::{Format, import};

fuzz_target!(|data: &[u8]| {
    for format in [Format::Akn, Format::Formex, Format::EurLex, Format::PdfText] {
        let Ok(imported) = import(data, format) else {
            continue;
        };
        match treaty_parse::parse_str(&imported.text) {
            Ok(doc) => assert_eq!(doc.check_coverage(), Ok(())),
            Err(e) => assert!(format == Format::PdfText, "{format:?}: {e}"),
        }
    }
});
