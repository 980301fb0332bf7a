//! The Customer Connection API's enumerations, open to values added later.

use crate::open_enum::open_enum;

open_enum! {
    /// Algorithm PingOne uses to sign what it sends to the customer's identity provider.
    ///
    /// ```
    /// use sso_connections::saas::SigningAlgorithm;
    /// assert_eq!(SigningAlgorithm::RsaSha256.as_str(), "RSA_SHA256");
    /// assert_eq!(SigningAlgorithm::from("RSA_SHA3"), SigningAlgorithm::Unknown("RSA_SHA3".into()));
    /// ```
    pub enum SigningAlgorithm {
        /// RSA with SHA-1.
        RsaSha1 => "RSA_SHA1",
        /// RSA with SHA-256 (the server's default).
        RsaSha256 => "RSA_SHA256",
        /// RSA with SHA-384.
        RsaSha384 => "RSA_SHA384",
        /// RSA with SHA-512.
        RsaSha512 => "RSA_SHA512",
    }
}

open_enum! {
    /// SAML binding PingOne uses for single logout requests.
    ///
    /// ```
    /// use sso_connections::saas::SloBinding;
    /// assert_eq!(SloBinding::Post.to_string(), "POST");
    /// ```
    pub enum SloBinding {
        /// HTTP-Redirect binding.
        Redirect => "Redirect",
        /// HTTP-POST binding (the server's default).
        Post => "POST",
    }
}

open_enum! {
    /// State of one customer connection as the server reports it.
    ///
    /// ```
    /// use sso_connections::saas::ConnectionStatus;
    /// assert_eq!(ConnectionStatus::from("Disabled by Customer"), ConnectionStatus::DisabledByCustomer);
    /// assert_eq!(ConnectionStatus::from("Paused").as_str(), "Paused");
    /// ```
    pub enum ConnectionStatus {
        /// The connection is in use.
        Active => "Active",
        /// The connection's setup is complete.
        Complete => "Complete",
        /// Disabled by the SaaS provider.
        Disabled => "Disabled",
        /// Disabled by the customer.
        DisabledByCustomer => "Disabled by Customer",
        /// The customer's account is suspended.
        AccountSuspended => "Account Suspended",
    }
}
