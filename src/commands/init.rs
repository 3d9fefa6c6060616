//! `smslint init`: write a starter SMS repository for the built-in pack.

use std::io::Write;

use miette::{IntoDiagnostic, WrapErr};

use smslint::{output, pack};

use super::Exit;
use crate::cli::InitArgs;

pub(crate) fn run(a: &InitArgs) -> miette::Result<Exit> {
    let dir = match &a.dir {
        Some(d) => d.clone(),
        None => std::env::current_dir().into_diagnostic()?,
    };
    let scaffold =
        smslint::init::Scaffold::builtin().map_err(|e| super::UsageError::Scaffold(e.to_string()))?;
    let names = vec![smslint::config::BUILTIN_PACK.to_owned()];
    let refs = vec![smslint::config::PackRef::Builtin(
        smslint::config::BUILTIN_PACK.to_owned(),
    )];
    let packs = pack::Packs::load(&refs, &dir, &smslint::checks::rules())?;
    // Never into a folder that is a symbolic link (a repository can commit one pointing
    // anywhere): the folder named and every folder on the way to it below the working folder.
    let cwd = std::env::current_dir().into_diagnostic()?;
    smslint::fsx::no_linked_folder(&cwd, &dir)
        .into_diagnostic()
        .wrap_err_with(|| {
            format!(
                "cannot write into `{}`",
                output::sanitize_line(&dir.to_string_lossy())
            )
        })?;
    let files = smslint::init::plan(&packs, &scaffold, a.org.as_deref().unwrap_or(""), &names);
    std::fs::create_dir_all(&dir)
        .into_diagnostic()
        .wrap_err_with(|| format!("cannot create `{}`", dir.display()))?;
    let done = smslint::init::write_new(&dir, &files)
        .into_diagnostic()
        .wrap_err_with(|| format!("cannot write into `{}`", dir.display()))?;
    let mut out = std::io::stdout().lock();
    let shown = dir.display();
    for f in &done.created {
        writeln!(out, "created  {f}").into_diagnostic()?;
    }
    for f in &done.skipped {
        writeln!(out, "skipped  {f} (exists, left unchanged)").into_diagnostic()?;
    }
    writeln!(
        out,
        "\n{} file{} created, {} skipped in {shown}.\n\nNext steps:\n  \
         1. cd {shown} && git init (if it is not a repository yet)\n  \
         2. smslint check                 lists what is still draft or holds TODO guidance\n  \
         3. replace every TODO line with your own text; adapt roles/roles-register.md\n  \
         4. when a document is approved: set `status: approved` and `last_reviewed`\n  \
         5. smslint report --format html -o report.html   shows your readiness per clause",
        done.created.len(),
        if done.created.len() == 1 { "" } else { "s" },
        done.skipped.len()
    )
    .into_diagnostic()?;
    Ok(Exit::Clean)
}
