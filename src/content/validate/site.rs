//! Step 1 of the flow (content): checks `site.toml`'s own settings: how old a check may
//! grow, the languages the site is published in and the link to the official site.

use toml::Spanned;

use super::{Checker, DEFAULT_STALE_AFTER_DAYS, is_slug};
use crate::content::message::Message;
use crate::content::problem::{FileId, Report};
use crate::content::raw;
use crate::model;

impl Checker<'_> {
    /// The site's own language first, then each one the content is translated into.
    pub(super) fn languages(
        &mut self,
        file: FileId,
        lang: raw::Text,
        label: raw::Text,
        locale: raw::Text,
        translations: Vec<raw::Language>,
    ) -> Vec<model::Language> {
        let default_lang = self.non_empty(file, lang);
        let mut languages = vec![model::Language {
            id: String::new(),
            hreflang: default_lang.clone(),
            lang: default_lang,
            label: self.non_empty(file, label),
            locale: self.non_empty(file, locale),
            prefix: String::new(),
        }];
        for l in translations {
            if let Some(l) = self.language(file, l, &languages) {
                languages.push(l);
            }
        }
        languages
    }

    /// A language the content is translated into; its id becomes a path prefix, so it
    /// must be a slug no page path starts with, and its `hreflang` must tell it apart.
    fn language(
        &mut self,
        file: FileId,
        l: raw::Language,
        known: &[model::Language],
    ) -> Option<model::Language> {
        let id = l.id.get_ref().clone();
        if !is_slug(&id) {
            let kind = "language";
            self.err(file, l.id.span(), Message::IdNotSlug { kind, id });
            return None;
        }
        if model::RESERVED_PATHS.contains(&id.as_str()) {
            let reserved = model::RESERVED_PATHS.join(", ");
            self.err(
                file,
                l.id.span(),
                Message::LanguageIdReserved { id, reserved },
            );
            return None;
        }
        if known.iter().any(|k| k.id == id) {
            let kind = "language";
            self.err(file, l.id.span(), Message::DuplicateId { kind, id });
            return None;
        }
        let lang = self.non_empty(file, l.lang);
        let hreflang = match l.hreflang {
            Some(h) => h,
            None => Spanned::new(l.id.span(), lang.clone()),
        };
        if known.iter().any(|k| &k.hreflang == hreflang.get_ref()) {
            let message = Message::HreflangTaken {
                hreflang: hreflang.get_ref().clone(),
                suggestion: format!("{lang}-x-{id}"),
            };
            self.err(file, hreflang.span(), message);
        }
        Some(model::Language {
            prefix: format!("/{id}"),
            id,
            lang,
            hreflang: hreflang.into_inner(),
            label: self.non_empty(file, l.label),
            locale: self.non_empty(file, l.locale),
        })
    }

    pub(super) fn official(&mut self, file: FileId, o: raw::Official) -> model::Official {
        model::Official {
            url: self.url(file, o.url),
            name: self.non_empty(file, o.name),
            note: self.non_empty(file, o.note),
        }
    }
}

/// How old a check may be before its page says so: `site.toml`'s `stale_after_days`,
/// or the default when it does not say (or says something out of range, reported).
pub(super) fn stale_after_days(site: Option<&(FileId, raw::Site)>, report: &mut Report) -> u32 {
    match site.and_then(|(f, s)| Some((*f, s.stale_after_days.as_ref()?))) {
        Some((f, days)) => match u32::try_from(*days.get_ref()) {
            Ok(d @ 1..=3650) => d,
            _ => {
                let message = Message::StaleAfterDays {
                    days: *days.get_ref(),
                };
                report.error(f, days.span(), message);
                DEFAULT_STALE_AFTER_DAYS
            }
        },
        None => DEFAULT_STALE_AFTER_DAYS,
    }
}

/// How long readers' reports are kept when `[site.feedback]` does not say.
pub(super) const DEFAULT_RETENTION_DAYS: u32 = 365;

/// `[site.feedback]`: the retention (1 to 3650 days, 365 when left out) and the server
/// that takes the reports (an absolute URL, kept without a trailing slash).
pub(super) fn feedback(
    site: Option<&(FileId, raw::Site)>,
    report: &mut Report,
) -> model::FeedbackSettings {
    let mut settings = model::FeedbackSettings {
        retention_days: DEFAULT_RETENTION_DAYS,
        instance: None,
    };
    let Some((f, feedback)) = site.and_then(|(f, s)| Some((*f, s.feedback.as_ref()?))) else {
        return settings;
    };
    if let Some(days) = &feedback.retention_days {
        match u32::try_from(*days.get_ref()) {
            Ok(d @ 1..=3650) => settings.retention_days = d,
            _ => {
                let message = Message::FeedbackRetentionDays {
                    days: *days.get_ref(),
                };
                report.error(f, days.span(), message);
            }
        }
    }
    if let Some(instance) = &feedback.instance {
        let url = instance.get_ref().trim_end_matches('/');
        if super::is_absolute_url(url) {
            settings.instance = Some(url.to_string());
        } else {
            let message = Message::NotAbsoluteUrl {
                url: instance.get_ref().clone(),
            };
            report.error(f, instance.span(), message);
        }
    }
    settings
}
