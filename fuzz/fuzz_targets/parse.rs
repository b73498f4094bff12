//! Any bytes: the parser never panics, and what it accepts it accounts for byte by byte,
//! with every clause ID reading back to itself and leading to its node.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = treaty_parse::parse(data) {
        assert_eq!(doc.check_coverage(), Ok(()));
        for node in doc.walk() {
            let again: treaty_model::ClauseId = node.id.to_string().parse().expect("IDs read back");
            assert_eq!(again, node.id);
            assert!(doc.find(&node.id).is_some(), "{} is not found by its ID", node.id);
        }
    }
});
