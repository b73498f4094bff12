//! The file side of treaty. A project is a folder holding `texts/` (one folder per
//! convention: a `convention.toml` listing its drafts, and their texts) and
//! `annotations/` (one folder per convention: TOML files of commentary). This crate finds
//! the project, reads convention folders, drafts and annotation files into the pure
//! types of the other crates, and writes user files atomically. Nothing else in treaty
//! touches the file system.

mod add;
mod annotations;
mod check;
mod convention;
mod draft_ref;
mod error;
mod import;
mod init;
mod lock;
mod root;
mod source;
mod write;

pub use add::{Added, NewAnnotation, add};
pub use annotations::{
    AnnotationSource, annotation_files, annotations_of, convention_dirs, list,
    read_annotation_file, require_dir,
};
pub use check::{against, check_convention, run as check};
pub use convention::{Convention, ManifestState, manifest};
pub use draft_ref::DraftRef;
pub use error::{Error, Result};
pub use import::{Target as ImportTarget, convert, write as write_import};
pub use init::{Created, init};
pub use lock::{FolderLock, lock_folder};
pub use root::{Project, display};
pub use source::{Source, draft, read};
pub use write::{WriteError, write_atomic};

use std::path::Path;

use treaty_lineage::{AnnotatedDraft, Drafts};

/// A convention's drafts, and its newest draft present with the convention's commentary
/// (from `annotations/<name>/`) placed on it, those written on other drafts carried
/// through the lineage. `None` in place of the draft when no text is there yet.
pub fn open_annotated(
    convention: &Convention,
    annotations: &Path,
) -> Result<(Drafts, Option<AnnotatedDraft>)> {
    let notes = annotations_of(&annotations.join(&convention.name))?;
    open_annotated_with(convention, &notes)
}

/// [`open_annotated`] with the annotations already read. The draft is read in the
/// convention's language, and commentary written on another language's text is marked
/// so ([`treaty_lineage::place_all_in`]).
pub fn open_annotated_with(
    convention: &Convention,
    notes: &[treaty_annotate::Annotation],
) -> Result<(Drafts, Option<AnnotatedDraft>)> {
    let mut drafts = convention.drafts()?;
    let annotated = drafts.latest().and_then(|at| {
        AnnotatedDraft::place_in(&mut drafts, at, notes, convention.language.as_deref())
    });
    Ok((drafts, annotated))
}
