//! The engine: a glossary, its matcher and the settings, turned into an
//! analysis of any text. The command line, the language server and the bot
//! hold one and share it behind an `Arc`.

use std::sync::Arc;

use crate::config::Config;
use crate::document::{Language, Regions};
use crate::glossary::Glossary;
use crate::lint::{self, Finding, KnownLabels};
use crate::matcher::{EarlierScan, Matcher, Mention};

/// A loaded glossary ready to analyse documents.
#[derive(Debug, Clone)]
pub struct Engine {
    glossary: Arc<Glossary>,
    matcher: Matcher,
    labels: KnownLabels,
    config: Config,
}

/// What the engine found in one text.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// The prose regions that were scanned.
    pub regions: Regions,
    /// Mentions of glossary labels, sorted.
    pub mentions: Vec<Mention>,
    /// Lint findings, sorted.
    pub findings: Vec<Finding>,
}

impl Engine {
    /// Builds the matcher for `glossary`.
    pub fn new(glossary: Arc<Glossary>, config: Config) -> Engine {
        Engine {
            matcher: Matcher::new(&glossary),
            labels: KnownLabels::new(&glossary),
            glossary,
            config,
        }
    }

    /// The glossary.
    pub fn glossary(&self) -> &Arc<Glossary> {
        &self.glossary
    }

    /// The matcher.
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// The settings.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Mentions only: regions and the mentions in them.
    pub fn scan(&self, text: &str, language: Language) -> (Regions, Vec<Mention>) {
        let regions = Regions::of(text, language);
        let mentions = self.matcher.find_all(text, &regions);
        (regions, mentions)
    }

    /// Mentions and lint findings.
    pub fn analyze(&self, text: &str, language: Language) -> Analysis {
        let (regions, mentions) = self.scan(text, language);
        self.lint(text, regions, mentions)
    }

    /// The same analysis as [`Engine::analyze`], for a text that is an edit
    /// of `earlier_text`, which this engine analysed as `earlier`: only the
    /// paragraphs that changed are searched for mentions again (the lint
    /// rules look at the whole document).
    pub fn reanalyze(
        &self,
        text: &str,
        language: Language,
        earlier_text: &str,
        earlier: &Analysis,
    ) -> Analysis {
        let regions = Regions::of(text, language);
        let mentions = self.matcher.find_all_reusing(
            text,
            &regions,
            EarlierScan {
                text: earlier_text,
                regions: &earlier.regions,
                mentions: &earlier.mentions,
            },
        );
        self.lint(text, regions, mentions)
    }

    fn lint(&self, text: &str, regions: Regions, mentions: Vec<Mention>) -> Analysis {
        let findings = lint::lint(&lint::Context {
            text,
            regions: &regions,
            mentions: &mentions,
            glossary: &self.glossary,
            matcher: &self.matcher,
            config: &self.config,
            labels: &self.labels,
        });
        Analysis {
            regions,
            mentions,
            findings,
        }
    }
}
