//! Link the `treaty` program with packed relative relocations where the C library
//! supports them.
//!
//! The program is position-independent, so at every start the loader patches about
//! 19,000 pointers (string tables, vtables, panic locations). In the usual form each
//! patch is a 24-byte record, 460 KB that the loader reads on every run; packed
//! (`DT_RELR`) they take 6 KB, and every run starts about half a millisecond sooner
//! (see BENCHMARKS.md), close to a tenth of a small diff. A program
//! linked this way needs glibc 2.36 or later, so the flag is only given when building
//! for this machine and its C library declares the feature (`GLIBC_ABI_DT_RELR`).

use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let target = std::env::var("TARGET").unwrap_or_default();
    let host = std::env::var("HOST").unwrap_or_default();
    if target == host && target.ends_with("-linux-gnu") && libc_packs_relocations() {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}

/// Whether this machine's glibc declares support for packed relative relocations.
fn libc_packs_relocations() -> bool {
    const LIBCS: [&str; 4] = [
        "/lib/x86_64-linux-gnu/libc.so.6",
        "/lib/aarch64-linux-gnu/libc.so.6",
        "/lib64/libc.so.6",
        "/usr/lib64/libc.so.6",
    ];
    LIBCS.iter().filter(|p| Path::new(p).exists()).any(|p| {
        // A new C library (an upgrade) may change the answer.
        println!("cargo:rerun-if-changed={p}");
        std::fs::read(p).is_ok_and(|bytes| {
            bytes
                .windows(b"GLIBC_ABI_DT_RELR".len())
                .any(|w| w == b"GLIBC_ABI_DT_RELR")
        })
    })
}
