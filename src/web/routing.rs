//! Route registration that gives each path exactly one resource, so a request with the wrong
//! method gets 405 (through the error page) instead of falling through to 404.

use actix_web::dev::HttpServiceFactory;
use actix_web::middleware::from_fn;
use actix_web::{Route, Scope, web};

use crate::audit;
use crate::web::panics::catch_panics;

/// Routes gathered by path, in the order they were first added.
#[derive(Default)]
pub struct Routes {
    entries: Vec<(String, Vec<Route>)>,
}

impl Routes {
    /// No routes yet.
    pub fn new() -> Self {
        Routes::default()
    }

    /// Adds a route (a method and handler) for a path.
    pub fn route(mut self, path: &str, route: Route) -> Self {
        match self.entries.iter_mut().find(|(p, _)| p == path) {
            Some((_, routes)) => routes.push(route),
            None => self.entries.push((path.to_owned(), vec![route])),
        }
        self
    }

    /// Every path in the table, in the order first added.
    pub fn paths(&self) -> Vec<String> {
        self.entries.iter().map(|(p, _)| p.clone()).collect()
    }

    /// One resource per path, each behind the audit layer (a steward's successful change or
    /// export download is appended to the audit log) and, outside that, the panic-catching
    /// layer (a panic in its handler is a 500 answer, not a dropped connection). Every route is
    /// registered through here, so no route escapes either.
    fn resources(self) -> impl Iterator<Item = impl HttpServiceFactory + 'static> {
        self.entries.into_iter().map(|(path, routes)| {
            routes
                .into_iter()
                .fold(web::resource(path), |resource, route| resource.route(route))
                .wrap(from_fn(audit::record))
                .wrap(from_fn(catch_panics))
        })
    }

    /// Registers every path as one resource on the app.
    pub fn register(self, cfg: &mut web::ServiceConfig) {
        for resource in self.resources() {
            cfg.service(resource);
        }
    }

    /// Registers every path as one resource inside a scope.
    pub fn into_scope(self, scope: Scope) -> Scope {
        self.resources()
            .fold(scope, |scope, resource| scope.service(resource))
    }
}
