//! The inventory of SaaS signing certificates: one entry per `idpId` the caller names.

use futures::{Stream, StreamExt as _};

use crate::saas::{ConnectionsHandler, IdpId};

use super::live::live_certificate;
use crate::certificates::{
    CertificateUsage, ExpiryCheck, InventoryEntry, InventoryError, InventoryItem,
};

/// How many `idpId`s an inventory reads at once unless told otherwise.
///
/// The client's own limits (`max_concurrent_requests`, `max_requests_per_second`) still apply
/// on top: this only bounds how many reads are started, and so how much memory is in use.
///
/// ```
/// use sso_connections::certificates::DEFAULT_INVENTORY_CONCURRENCY;
/// assert_eq!(DEFAULT_INVENTORY_CONCURRENCY, 16);
/// ```
pub const DEFAULT_INVENTORY_CONCURRENCY: usize = 16;

/// The signing certificates of SaaS customer connections, one entry per `idpId`.
///
/// The Customer Connection API cannot list its `idpId`s, so the caller names them (an
/// iterator or a stream, read lazily: memory stays flat however many there are). Each
/// `idpId` costs one `GET spManaged/{idpId}`; at most [`concurrency`](Self::concurrency)
/// are in flight, and the client's limiter and retry policy apply to each. Entries come out
/// in the order the `idpId`s went in.
///
/// An `idpId` without connections, without a certificate, or with one that does not decode
/// is an entry with a [`CertificateProblem`](crate::certificates::CertificateProblem); an
/// `idpId` that could not be read (after retries) is an [`InventoryError`] item. Neither
/// ends the stream.
///
/// ```no_run
/// use futures::StreamExt as _;
/// use sso_connections::certificates::{ExpiryCheck, SaasInventory};
/// use sso_connections::saas::{IdpId, SaasClient};
///
/// # async fn run() -> sso_connections::Result<()> {
/// let client = SaasClient::builder("client-id", "client-secret")
///     .max_requests_per_second(50.0)
///     .build()?;
/// let idps = ["acme", "globex"].map(|id| IdpId::new(id).unwrap());
/// let mut entries = SaasInventory::new(client.connections(), ExpiryCheck::at(chrono::Utc::now()))
///     .of(idps);
/// while let Some(item) = entries.next().await {
///     match item {
///         Ok(entry) => println!("{}", serde_json::to_string(&entry).unwrap()),
///         Err(failure) => eprintln!("{failure}"),
///     }
/// }
/// # Ok(()) }
/// ```
#[derive(Clone, Copy, Debug)]
pub struct SaasInventory<'a> {
    connections: ConnectionsHandler<'a>,
    check: ExpiryCheck,
    concurrency: usize,
}

impl<'a> SaasInventory<'a> {
    /// An inventory through `connections`, judging each certificate with `check`.
    ///
    /// ```no_run
    /// # fn run(client: sso_connections::saas::SaasClient) {
    /// use sso_connections::certificates::{ExpiryCheck, SaasInventory};
    /// let inventory = SaasInventory::new(client.connections(), ExpiryCheck::at(chrono::Utc::now()));
    /// # let _ = inventory;
    /// # }
    /// ```
    pub fn new(connections: ConnectionsHandler<'a>, check: ExpiryCheck) -> Self {
        Self {
            connections,
            check,
            concurrency: DEFAULT_INVENTORY_CONCURRENCY,
        }
    }

    /// Reads at most this many `idpId`s at once (default [`DEFAULT_INVENTORY_CONCURRENCY`];
    /// 0 counts as 1).
    ///
    /// ```no_run
    /// # fn run(client: sso_connections::saas::SaasClient) {
    /// use sso_connections::certificates::{ExpiryCheck, SaasInventory};
    /// let inventory = SaasInventory::new(client.connections(), ExpiryCheck::at(chrono::Utc::now()))
    ///     .concurrency(64);
    /// # let _ = inventory;
    /// # }
    /// ```
    pub fn concurrency(mut self, concurrency: usize) -> Self {
        self.concurrency = concurrency.max(1);
        self
    }

    /// The entries of these `idpId`s, read lazily from the iterator.
    ///
    /// ```no_run
    /// # async fn run(inventory: sso_connections::certificates::SaasInventory<'_>) {
    /// use futures::StreamExt as _;
    /// use sso_connections::certificates::ExpiryStatus;
    /// use sso_connections::saas::IdpId;
    /// let ids = (0..10_000).map(|i| IdpId::new(format!("customer-{i}")).unwrap());
    /// let expiring = inventory
    ///     .of(ids)
    ///     .filter(|item| {
    ///         let status = item.as_ref().ok().and_then(|entry| entry.finding.status());
    ///         std::future::ready(status == Some(ExpiryStatus::Expiring))
    ///     })
    ///     .count()
    ///     .await;
    /// # let _ = expiring;
    /// # }
    /// ```
    pub fn of<I>(self, idps: I) -> impl Stream<Item = InventoryItem> + 'a
    where
        I: IntoIterator<Item = IdpId>,
        I::IntoIter: 'a,
    {
        self.of_stream(futures::stream::iter(idps))
    }

    /// The entries of the `idpId`s a stream yields (for example rows read from a database).
    ///
    /// ```no_run
    /// # async fn run(inventory: sso_connections::certificates::SaasInventory<'_>) {
    /// use futures::StreamExt as _;
    /// use sso_connections::saas::IdpId;
    /// let ids = futures::stream::iter(["acme"]).map(|id| IdpId::new(id).unwrap());
    /// let entries: Vec<_> = inventory.of_stream(ids).collect().await;
    /// # let _ = entries;
    /// # }
    /// ```
    pub fn of_stream<S>(self, idps: S) -> impl Stream<Item = InventoryItem> + 'a
    where
        S: Stream<Item = IdpId> + 'a,
    {
        idps.map(move |idp| async move { self.entry(&idp).await })
            .buffered(self.concurrency)
    }

    /// The entry of one `idpId`.
    ///
    /// ```no_run
    /// # async fn run(inventory: sso_connections::certificates::SaasInventory<'_>) -> sso_connections::Result<()> {
    /// use sso_connections::saas::IdpId;
    /// let entry = inventory.entry(&IdpId::new("acme")?).await.map_err(|f| f.error)?;
    /// println!("{:?}", entry.finding.status());
    /// # Ok(()) }
    /// ```
    pub async fn entry(&self, idp: &IdpId) -> InventoryItem {
        let usage = CertificateUsage::SaasIdp {
            idp_id: idp.as_str().to_owned(),
        };
        match live_certificate(self.connections, idp).await {
            Ok(Ok(certificate)) => Ok(InventoryEntry::checked(usage, &certificate, &self.check)),
            Ok(Err(problem)) => Ok(InventoryEntry::problem(usage, problem)),
            Err(error) => Err(InventoryError::new(usage, error)),
        }
    }
}
