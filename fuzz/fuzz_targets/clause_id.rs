//! Any string: the clause-ID parser never panics, and what it accepts prints back to an
//! ID that parses to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(id) = text.parse::<treaty_model::ClauseId>() {
        assert_eq!(id.to_string().parse::<treaty_model::ClauseId>(), Ok(id));
    }
});
