namespace ProtectedActions.Cli.Tests.Commands;

/// <summary>Small configurations and sign-ins for the command tests.</summary>
internal static class Fixtures
{
    public const string Admin = "3c6f2b1e-2a51-4a8e-9d3c-5b1f0c9e7a10";
    public const string Emergency = "b0c4a9a4-6a3e-4c0e-9f53-000000000911";
    public const string CaDelete = "microsoft.directory/conditionalAccessPolicies/delete";

    /// <summary>The tenant whose acrs samples/policy-tests/config.json and <see cref="ConfigWithBlock"/> trust, as sign-in JSON properties.</summary>
    public const string TrustedTenantSignIn = "\"tenantId\": \"00000000-0000-0000-0000-00000000c0de\", \"issuer\": \"https://login.microsoftonline.com/00000000-0000-0000-0000-00000000c0de/v2.0\"";

    /// <summary>c1 guards billing approvals; p-block blocks guests; p-mfa (report-only) watches; emergency account excluded.</summary>
    public const string ConfigWithBlock = """
        {
          "authenticationContexts": [ { "id": "c1" } ],
          "protectedActions": [ { "permission": "contoso.billing/invoices/approve", "authenticationContextId": "c1" } ],
          "conditionalAccessPolicies": [
            { "id": "p-block", "displayName": "Block guests", "state": "enabled",
              "conditions": { "applications": { "includeAuthenticationContextClassReferences": [ "c1" ] },
                              "users": { "includeUsers": [ "GuestsOrExternalUsers" ], "excludeUsers": [ "b0c4a9a4-6a3e-4c0e-9f53-000000000911" ] } },
              "grantControls": { "operator": "OR", "builtInControls": [ "block" ] } },
            { "id": "p-mfa", "displayName": "MFA (report-only)", "state": "enabledForReportingButNotEnforced",
              "conditions": { "applications": { "includeAuthenticationContextClassReferences": [ "c1" ] },
                              "users": { "includeUsers": [ "All" ], "excludeUsers": [ "b0c4a9a4-6a3e-4c0e-9f53-000000000911" ] } },
              "grantControls": { "operator": "OR", "builtInControls": [ "mfa" ] } }
          ],
          "emergencyAccessAccounts": { "userIds": [ "b0c4a9a4-6a3e-4c0e-9f53-000000000911" ] },
          "settings": { "trustedTenantIds": [ "00000000-0000-0000-0000-00000000c0de" ] }
        }
        """;

    public static string SignIn(string json, TempFolder temp, string name = "signin.json") => temp.Write(name, json);
}
