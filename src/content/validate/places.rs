//! Step 1 of the flow (content): checks organizations and places: a place's parent,
//! what it inherits from it, its address, walk, map link, phone and country code.

use toml::Spanned;

use super::{Checker, Ids};
use crate::content::message::Message;
use crate::content::problem::FileId;
use crate::content::raw;
use crate::model::{self, Idx};

impl Checker<'_> {
    pub(super) fn organization(&mut self, f: FileId, o: raw::Organization) -> model::Organization {
        model::Organization {
            id: o.id.into_inner(),
            name: self.non_empty(f, o.name),
            description: o.description,
            url: o.url.map(|u| self.url(f, u)),
            area: o.area,
        }
    }

    pub(super) fn places(
        &mut self,
        places: Vec<(FileId, raw::Place)>,
        ids: &Ids,
    ) -> Vec<model::Place> {
        let parents: Vec<Option<Idx>> = places
            .iter()
            .map(|(f, p)| {
                p.part_of
                    .as_ref()
                    .and_then(|id| ids.resolve(*f, id, self.report))
            })
            .collect();
        // A place inherits from its parent only; a parent that is itself part of another
        // would make editors chase a chain, so it is refused.
        for ((f, p), parent) in places.iter().zip(&parents) {
            if let (Some(part_of), Some(parent)) = (&p.part_of, parent)
                && places[*parent].1.part_of.is_some()
            {
                let message = Message::NestedPlace {
                    place: part_of.get_ref().clone(),
                };
                self.err(*f, part_of.span(), message);
            }
        }
        let mut out: Vec<model::Place> = Vec::with_capacity(places.len());
        for ((f, p), parent_idx) in places.iter().zip(&parents) {
            let f = *f;
            let parent = parent_idx.map(|i| &places[i].1);
            let inherit = |own: &Option<raw::Text>, pick: fn(&raw::Place) -> &Option<raw::Text>| {
                own.clone().or_else(|| parent.and_then(|q| pick(q).clone()))
            };
            let address = inherit(&p.address, |q| &q.address);
            // A place whose parent is unknown is already reported.
            if address.is_none() && p.part_of.is_none() {
                let message = Message::PlaceWithoutAddress {
                    place: p.id.get_ref().clone(),
                };
                self.err(f, p.id.span(), message);
            }
            let walk = p
                .walk_minutes
                .clone()
                .or_else(|| parent.and_then(|q| q.walk_minutes.clone()));
            let walk_minutes = walk.and_then(|w| {
                let v = *w.get_ref();
                if (0..=180).contains(&v) {
                    Some(v as u32)
                } else {
                    self.err(f, w.span(), Message::WalkMinutes { minutes: v });
                    None
                }
            });
            let map_url = inherit(&p.map_url, |q| &q.map_url).map(|u| self.url(f, u));
            let phone = inherit(&p.phone, |q| &q.phone).map(|t| self.phone(f, &t));
            out.push(model::Place {
                id: p.id.get_ref().clone(),
                name: self.non_empty(f, p.name.clone()),
                part_of: *parent_idx,
                postal_code: inherit(&p.postal_code, |q| &q.postal_code).map(Spanned::into_inner),
                address: address.map(Spanned::into_inner).unwrap_or_default(),
                building: p
                    .building
                    .clone()
                    .or_else(|| parent.and_then(|q| q.building.clone())),
                floor: p.floor.clone(),
                counter: p.counter.clone(),
                station: p
                    .station
                    .clone()
                    .or_else(|| parent.and_then(|q| q.station.clone())),
                walk_minutes,
                map_url,
                phone,
                street: p
                    .street
                    .clone()
                    .or_else(|| parent.and_then(|q| q.street.clone())),
                city: p
                    .city
                    .clone()
                    .or_else(|| parent.and_then(|q| q.city.clone())),
                region: p
                    .region
                    .clone()
                    .or_else(|| parent.and_then(|q| q.region.clone())),
                // An inherited code is checked where it is written, so reported once.
                country: match &p.country {
                    Some(c) => Some(self.country(f, c.clone())),
                    None => parent.and_then(|q| q.country.as_ref().map(|c| c.get_ref().clone())),
                },
            });
        }
        out
    }

    /// An ISO 3166-1 alpha-2 code, as open data formats expect.
    fn country(&mut self, f: FileId, code: raw::Text) -> String {
        let c = code.get_ref();
        if c.len() != 2 || !c.bytes().all(|b| b.is_ascii_uppercase()) {
            let country = c.clone();
            self.err(f, code.span(), Message::BadCountry { country });
        }
        code.into_inner()
    }
}
