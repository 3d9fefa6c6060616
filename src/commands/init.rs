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
    let given = a.dir.clone().unwrap_or_else(|| ".".into());
    let (dir, existing) = match existing(&dir)? {
        Some((root, e)) => (root, e),
        None => (dir, smslint::init::Existing::default()),
    };
    let files = smslint::init::plan_for(
        &packs,
        &scaffold,
        a.org.as_deref().unwrap_or(""),
        &names,
        &existing,
    );
    // In a repository that already has documents, the plan is only printed unless `--write`.
    if a.dry_run || (existing.missing.is_some() && (!a.write || files.is_empty())) {
        return print_plan(&given, &files, &existing, &scaffold);
    }
    std::fs::create_dir_all(&dir)
        .into_diagnostic()
        .wrap_err_with(|| format!("cannot create `{}`", dir.display()))?;
    let done = smslint::init::write_new(&dir, &files)
        .into_diagnostic()
        .wrap_err_with(|| format!("cannot write into `{}`", dir.display()))?;
    let mut out = std::io::stdout().lock();
    let shown = given.display();
    // The repository's own roles register, else the one written now.
    let register = existing.register.clone().map_or_else(
        || {
            format!(
                "{}/{}.md",
                scaffold.roles_register.folder, scaffold.roles_register.file
            )
        },
        |r| output::sanitize_line(&r).into_owned(),
    );
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
         3. replace every TODO line with your own text; adapt {register}\n  \
         4. when a document is approved: set `status: approved` and `last_reviewed`\n  \
         5. smslint report --format html -o report.html   shows your readiness per clause",
        done.created.len(),
        if done.created.len() == 1 { "" } else { "s" },
        done.skipped.len()
    )
    .into_diagnostic()?;
    if let Some(note) = roles_to_add(&files, &existing, &scaffold) {
        writeln!(out, "\n{note}").into_diagnostic()?;
    }
    Ok(Exit::Clean)
}

/// What the folder already holds, when it holds Markdown documents: the repository root (found
/// as `check` finds it) and its [`smslint::init::Existing`], read by the same index and coverage
/// logic `check` uses (a run of the missing-document, coverage and roles-register codes).
fn existing(dir: &std::path::Path) -> miette::Result<Option<(std::path::PathBuf, smslint::init::Existing)>> {
    if !smslint::fsx::exists(dir) {
        return Ok(None);
    }
    let loaded = smslint::app::load(&smslint::app::Options {
        paths: vec![dir.to_path_buf()],
        select: ["SMS101", "SMS103", "SMS401"].map(str::to_owned).to_vec(),
        ..smslint::app::Options::default()
    })?;
    let root = loaded.setup.root.clone();
    let outcome = loaded.lint();
    if outcome.repo.docs.is_empty() {
        return Ok(None);
    }
    let mut e = smslint::init::Existing::default();
    let mut missing = smslint::init::Missing::default();
    for f in &outcome.findings {
        let Some(subject) = f.subject.clone() else {
            continue;
        };
        match f.code() {
            // A clause that a draft document already names is in hand: only approval is missing.
            "SMS103" => {
                let named = outcome.repo.info.iter().any(|i| {
                    i.clauses
                        .iter()
                        .any(|(c, _)| smslint::pack::is_same_or_sub_clause(c, &subject))
                });
                if !named {
                    missing.clauses.insert(subject);
                }
            }
            _ => {
                missing.requirements.insert(subject);
            }
        }
    }
    e.missing = Some(missing);
    e.ids = outcome.repo.by_id.keys().cloned().collect();
    e.paths = outcome.repo.docs.iter().map(|d| d.path.clone()).collect();
    for name in smslint::config::CONFIG_NAMES {
        if smslint::fsx::exists(&root.join(name)) {
            e.paths.insert(name.to_owned());
        }
    }
    e.register = outcome
        .repo
        .roles
        .registers
        .first()
        .map(|&i| outcome.repo.docs[i].path.clone());
    e.roles = outcome.repo.roles.defs.iter().map(|d| d.key.clone()).collect();
    let config = &loaded.setup.config;
    let pairs: Vec<(String, String, String)> = outcome
        .repo
        .docs
        .iter()
        .zip(&outcome.repo.info)
        .filter_map(|(d, info)| {
            let meta = d.meta.as_ref()?;
            let scalar = |name: &str| Some(meta.get(config.key(name))?.value.as_str()?.trim().to_owned());
            Some((
                info.doc_type.clone().unwrap_or_default(),
                scalar("owner")?,
                scalar("approver")?,
            ))
        })
        .collect();
    e.usual = smslint::init::usual_roles(&pairs, &e.roles);
    Ok(Some((root, e)))
}

/// The roles the new documents name that the repository's own roles register does not define:
/// smslint never edits a document, so the register is extended by its owner, from this list.
fn roles_to_add(
    files: &[smslint::init::File],
    existing: &smslint::init::Existing,
    scaffold: &smslint::init::Scaffold,
) -> Option<String> {
    let register = existing.register.as_ref()?;
    let new: Vec<String> = smslint::init::roles_named(files, scaffold)
        .into_iter()
        .filter(|r| !existing.roles.contains(&smslint::text::key(r)))
        .map(|r| format!("`{}`", output::sanitize_line(&r)))
        .collect();
    (!new.is_empty()).then(|| {
        format!(
            "The new documents name roles your register `{}` does not define yet: add a row for {} there.",
            output::sanitize_line(register),
            new.join(", ")
        )
    })
}

/// Print what `init` would create in a repository that already has documents.
fn print_plan(
    dir: &std::path::Path,
    files: &[smslint::init::File],
    existing: &smslint::init::Existing,
    scaffold: &smslint::init::Scaffold,
) -> miette::Result<Exit> {
    let mut out = std::io::stdout().lock();
    let shown = output::sanitize_line(&dir.to_string_lossy()).into_owned();
    if files.is_empty() {
        writeln!(
            out,
            "Nothing to create in {shown}: every requirement of the packs has a document."
        )
        .into_diagnostic()?;
        return Ok(Exit::Clean);
    }
    writeln!(out, "Plan for {shown} (nothing written):\n").into_diagnostic()?;
    for f in files {
        writeln!(out, "create  {}", output::sanitize_line(&f.path)).into_diagnostic()?;
    }
    if let Some(note) = roles_to_add(files, existing, scaffold) {
        writeln!(out, "\n{note}").into_diagnostic()?;
    }
    writeln!(
        out,
        "\n{} file{} to create. Run `smslint init --write` to create them (existing files are never overwritten).",
        files.len(),
        if files.len() == 1 { "" } else { "s" }
    )
    .into_diagnostic()?;
    Ok(Exit::Clean)
}
