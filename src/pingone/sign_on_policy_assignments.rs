//! The sign-on policy assignments of one application.

use crate::generated::pingone::types;

use super::crud::resource_handler;
use super::SignOnPolicyAssignment;

resource_handler! {
    /// The sign-on policy assignments of one application: which policies run, in which order.
    ///
    /// ```no_run
    /// use sso_connections::pingone::{PingOneClient, SignOnPolicyAssignment};
    /// # async fn run(env: sso_connections::Uuid, app: sso_connections::Uuid, policy: sso_connections::Uuid) -> sso_connections::Result<()> {
    /// let client = PingOneClient::bearer("token").build()?;
    /// let assignments = client.environment(env).application(app).sign_on_policy_assignments();
    /// assignments.create(&SignOnPolicyAssignment::new(policy, 1)?).await?;
    /// # Ok(()) }
    /// ```
    pub struct SignOnPolicyAssignmentsHandler in application {
        item: types::SignOnPolicyAssignment, input: SignOnPolicyAssignment,
        page: types::SignOnPolicyAssignmentPage, embedded: sign_on_policy_assignments,
        list: list_application_sign_on_policy_assignments,
        create: create_application_sign_on_policy_assignment,
        get: get_application_sign_on_policy_assignment,
        replace: update_application_sign_on_policy_assignment,
        delete: delete_application_sign_on_policy_assignment,
    }
}
