//! One mechanism for every PingOne resource handler: list (following `_links.next`),
//! create, get, full-replacement update and delete (or only the reads, or the reads and
//! delete), with the path ids of the handler's scope (an environment, or an application in an
//! environment) and the input's checked body.

use crate::error::Result;

/// What a handler sends for an input: the generated request body, checked before sending.
pub(crate) trait Input {
    /// The generated type of the request body.
    type Body;
    /// The body, or the rule the input breaks.
    fn to_body(&self) -> Result<Self::Body>;
}

/// Declares a handler: `in environment` for resources of an environment, `in application`
/// for the parts of one application. The generated operations are named by role, and take the
/// scope's ids in path order (then the item's id, then the body); a list operation with query
/// parameters names the values its plain `list` passes, as `list: op(None)`. `modify` adds a
/// get-edit-replace for resources whose input is the resource itself.
macro_rules! resource_handler {
    (
        $(#[$meta:meta])*
        pub struct $handler:ident in environment { $($body:tt)* }
    ) => {
        $crate::pingone::crud::resource_handler!(@emit $(#[$meta])* $handler
            [environment] { $($body)* });
    };
    (
        $(#[$meta:meta])*
        pub struct $handler:ident in application { $($body:tt)* }
    ) => {
        $crate::pingone::crud::resource_handler!(@emit $(#[$meta])* $handler
            [environment, application] { $($body)* });
    };
    // Resources the API lets one read and delete but not write as JSON (certificates: their
    // import is a file upload, written by hand in the handler's file).
    (
        $(#[$meta:meta])*
        pub struct $handler:ident in environment, read and delete {
            item: $item:ty, page: $page:ty, embedded: $embedded:ident,
            list: $list:ident, get: $get:ident, delete: $delete:ident,
        }
    ) => {
        $crate::pingone::crud::resource_handler!(@read $(#[$meta])* $handler
            [environment] { $item, $page, $embedded, [$list], $get });
        $crate::pingone::crud::resource_handler!(@delete $handler [environment] { $delete });
    };
    // Resources the facade only reads (keys).
    (
        $(#[$meta:meta])*
        pub struct $handler:ident in environment, read only {
            item: $item:ty, page: $page:ty, embedded: $embedded:ident,
            list: $list:ident, get: $get:ident,
        }
    ) => {
        $crate::pingone::crud::resource_handler!(@read $(#[$meta])* $handler
            [environment] { $item, $page, $embedded, [$list], $get });
    };
    (@emit $(#[$meta:meta])* $handler:ident [$($scope:ident),+] {
        item: $item:ty, input: $input:ty, page: $page:ty, embedded: $embedded:ident,
        list: $list:ident $(($($query:expr),+))?, create: $create:ident, get: $get:ident,
        replace: $replace:ident, delete: $delete:ident,
        $(modify: $modify:ident,)?
    }) => {
        $crate::pingone::crud::resource_handler!(@read $(#[$meta])* $handler
            [$($scope),+] { $item, $page, $embedded, [$list $($(, $query)+)?], $get });
        $crate::pingone::crud::resource_handler!(@delete $handler [$($scope),+] { $delete });

        impl<'a> $handler<'a> {
            /// Creates one; a conflict (409) is
            /// [`Error::AlreadyExists`](crate::Error::AlreadyExists).
            pub async fn create(&self, input: &$input) -> $crate::error::Result<$item> {
                use $crate::pingone::crud::Input as _;
                // The body moves into the call's boxed future, not this one.
                let (this, body) = (*self, input.to_body()?);
                let call = async move { this.api.$create($(&this.$scope,)+ &body).await };
                $crate::transport::body_of(call).await
            }

            /// Replaces one with `input` (PUT): every field left out is removed on the server.
            pub async fn replace(
                &self,
                id: uuid::Uuid,
                input: &$input,
            ) -> $crate::error::Result<$item> {
                use $crate::pingone::crud::Input as _;
                let (this, body) = (*self, input.to_body()?);
                let call = async move { this.api.$replace($(&this.$scope,)+ &id, &body).await };
                $crate::transport::body_of(call).await
            }

            $(
            /// Reads one, lets `change` edit it, and writes the result back, so the
            /// full-replacement PUT keeps every field `change` did not touch. A value read
            /// from the server that breaks a request limit is refused with the field's name,
            /// to be fixed in `change`.
            pub async fn $modify(
                &self,
                id: uuid::Uuid,
                change: impl FnOnce(&mut $item),
            ) -> $crate::error::Result<$item> {
                let mut item = self.get(id).await?;
                change(&mut item);
                self.replace(id, &item)
                    .await
                    .map_err(|e| e.with_input_hint($crate::pingone::models::WRITE_BACK_HINT))
            }
            )?
        }
    };
    (@read $(#[$meta:meta])* $handler:ident [$($scope:ident),+] {
        $item:ty, $page:ty, $embedded:ident, [$list:ident $(, $query:expr)*], $get:ident
    }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug)]
        pub struct $handler<'a> {
            api: &'a $crate::generated::pingone::Client,
            $($scope: uuid::Uuid,)+
        }

        impl<'a> $handler<'a> {
            pub(super) fn new(
                api: &'a $crate::generated::pingone::Client,
                $($scope: uuid::Uuid,)+
            ) -> Self {
                Self { api, $($scope,)+ }
            }

            /// Every item, page by page as the stream is consumed (one page in memory).
            pub fn list(&self) -> $crate::pagination::ItemStream<'a, $item> {
                let api = self.api;
                let scope = *self;
                let first = async move {
                    $crate::transport::body_of(api.$list($(&scope.$scope),+ $(, $query)*)).await
                };
                $crate::pagination::follow_pages(api, first, Self::page)
            }

            fn page(page: $page) -> $crate::error::Result<$crate::pagination::Page<$item>> {
                Ok($crate::pagination::Page {
                    items: page.embedded.$embedded,
                    next: page.links.and_then(|links| links.next).map(|link| link.href),
                })
            }

            /// Reads one; [`Error::NotFound`](crate::Error::NotFound) when it does not exist.
            pub async fn get(&self, id: uuid::Uuid) -> $crate::error::Result<$item> {
                $crate::transport::body_of(self.api.$get($(&self.$scope,)+ &id)).await
            }
        }
    };
    (@delete $handler:ident [$($scope:ident),+] { $delete:ident }) => {
        impl<'a> $handler<'a> {
            /// Deletes one (204); a missing one is [`Deletion::NotFound`](crate::Deletion::NotFound).
            pub async fn delete(&self, id: uuid::Uuid) -> $crate::error::Result<$crate::Deletion> {
                let call = self.api.$delete($(&self.$scope,)+ &id);
                $crate::Deletion::from_result($crate::transport::changed_by(call).await)
            }
        }
    };
}
pub(crate) use resource_handler;
