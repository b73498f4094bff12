//! `treaty annotate add`: one annotation, checked against its draft, appended to its file.

use std::io::{self, Read, Write};
use std::process::ExitCode;

use anyhow::Context;
use treaty_model::escape_controls;
use treaty_project::NewAnnotation;

use crate::cli::Ctx;
use crate::cli::args::AddArgs;

pub fn add(ctx: &Ctx, args: &AddArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let body = if args.body == "-" {
        let mut body = String::new();
        io::stdin()
            .read_to_string(&mut body)
            .context("cannot read the body from standard input")?;
        body
    } else {
        args.body.clone()
    };
    let texts = ctx.texts(args.texts.as_deref())?;
    let annotations = ctx.annotations(args.annotations.as_deref())?;
    let convention = match &args.convention {
        Some(c) => c.clone(),
        None => ctx
            .default_convention()
            .ok()
            .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "sample".to_owned()),
    };
    let added = treaty_project::add(
        &texts,
        &annotations,
        NewAnnotation {
            convention,
            clause: args.clause.clone(),
            version: args.version.clone(),
            language: args.language.clone(),
            id: args.id.clone(),
            quote: args.quote.clone(),
            prefix: args.prefix.clone(),
            suffix: args.suffix.clone(),
            author: args.author.clone(),
            source: args.source.clone(),
            date: args.date.clone(),
            tags: args.tags.clone(),
            stance: args.stance,
            body,
            file: args.file.as_deref().map(|f| ctx.resolve(f)),
        },
    )?;
    if let Some(why) = &added.unchecked {
        eprintln!(
            "warning: not checked against the text: {}",
            escape_controls(why)
        );
    }
    writeln!(
        out,
        "added {} to {}",
        escape_controls(&added.id),
        escape_controls(&added.file)
    )?;
    Ok(ExitCode::SUCCESS)
}
