//! `smslint adopt`: propose the smslint.toml that fits a repository written in its own style.

use std::io::Write;
use std::path::PathBuf;

use miette::{IntoDiagnostic, WrapErr};

use smslint::app;
use smslint::output;

use super::Exit;
use crate::cli::AdoptArgs;

#[allow(clippy::disallowed_methods)] // the command looks for an existing config before writing one
pub(crate) fn run(a: &AdoptArgs) -> miette::Result<Exit> {
    if a.write {
        let start = a.path.clone().unwrap_or_else(|| PathBuf::from("."));
        let root = app::find_root(&start);
        if let Some(existing) = smslint::config::CONFIG_NAMES
            .iter()
            .find(|n| std::fs::symlink_metadata(root.join(n)).is_ok())
        {
            return Err(super::UsageError::ConfigExists((*existing).to_owned()).into());
        }
    }
    let loaded = app::load(&app::Options {
        paths: a.path.iter().cloned().collect(),
        today: super::today(a.today.as_deref())?,
        ..app::Options::default()
    })?;
    let report = loaded.lint();
    let app::Setup { root, config, packs } = &loaded.setup;
    let proposal = smslint::adopt::propose(&report.repo, config, packs);
    let draft = output::adopt::render(&proposal, None);
    let proposed = smslint::config::Config::parse(
        "smslint.toml (proposed)",
        draft.into(),
        root,
        &smslint::checks::rules(),
    )
    .map_err(|e| format!("this smslint cannot read it yet: {}", e.message()))
    .and_then(|config| {
        let packs = smslint::pack::Packs::load(&config.packs, root, &smslint::checks::rules())
            .map_err(|e| e.to_string())?
            .with_config(&config);
        let with = app::check_root(root, &config, &packs, report.today);
        Ok(with.findings.len())
    });
    let counts = output::adopt::Counts {
        now: report.findings.len(),
        proposed,
        existing: config.file.as_ref().map(|(name, _)| name.clone()),
    };
    let text = output::adopt::render(&proposal, Some(&counts));
    let text = output::sanitize(&text).into_owned();
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes()).into_diagnostic()?;
    if a.write {
        let file = root.join(smslint::config::CONFIG_NAMES[0]);
        smslint::fsx::create_file(&file, root, |w| w.write_all(text.as_bytes()))
            .into_diagnostic()
            .wrap_err_with(|| format!("cannot write `{}`", file.display()))?;
        #[allow(clippy::print_stderr)] // a status line of the binary, not a finding
        {
            eprintln!("Wrote {}", output::sanitize(&file.display().to_string()));
        }
    }
    Ok(Exit::Clean)
}
