namespace ProtectedActions.AspNetCore.Tests.Infrastructure;

/// <summary>
/// The configuration the HTTP tests run against: c1 = phishing-resistant MFA + 1-hour sign-in frequency,
/// c2 = compliant device. Permissions: <see cref="Create"/> → c1, <see cref="Delete"/> → c1,
/// <see cref="Workstation"/> → c2, <see cref="Unprotected"/> has no context.
/// </summary>
internal static class TestScenario
{
    public const string Create = "contoso.test/things/create";
    public const string Delete = "contoso.test/things/delete";
    public const string Workstation = "contoso.test/vendors/bankAccount/update";
    public const string Unprotected = "contoso.test/things/read";

    public const string CompliantDevice = "aaaaaaaa-0000-4000-8000-000000000001";
    public const string NonCompliantDevice = "aaaaaaaa-0000-4000-8000-000000000002";

    public const string StrengthPolicyId = "policy-strength";
    public const string StrengthPolicyName = "Phishing-resistant MFA within the hour";
    public const string DevicePolicyId = "policy-device";
    public const string DevicePolicyName = "Compliant device";

    public static void Configure(ProtectedActionsOptions o)
    {
        o.AuthenticationContexts.Add(new AuthenticationContextDefinition { Id = "c1", DisplayName = "Privileged" });
        o.AuthenticationContexts.Add(new AuthenticationContextDefinition { Id = "c2", DisplayName = "Workstation" });
        o.ProtectedActions.Add(new ProtectedActionAssignment { Permission = Create, AuthenticationContextId = "c1" });
        o.ProtectedActions.Add(new ProtectedActionAssignment { Permission = Delete, AuthenticationContextId = "c1" });
        o.ProtectedActions.Add(new ProtectedActionAssignment { Permission = Workstation, AuthenticationContextId = "c2" });
        o.ConditionalAccessPolicies.Add(new ConditionalAccessPolicy
        {
            Id = StrengthPolicyId,
            DisplayName = StrengthPolicyName,
            State = "enabled",
            Conditions = new ConditionalAccessConditions
            {
                Applications = new ConditionalAccessApplications { IncludeAuthenticationContextClassReferences = ["c1"] },
                Users = new ConditionalAccessUsers { IncludeUsers = ["All"] },
            },
            GrantControls = new ConditionalAccessGrantControls
            {
                Operator = "OR",
                AuthenticationStrength = new AuthenticationStrengthReference { Id = "00000000-0000-0000-0000-000000000004" },
            },
            SessionControls = new ConditionalAccessSessionControls
            {
                SignInFrequency = new SignInFrequencySessionControl { IsEnabled = true, Value = 1, Type = "hours", FrequencyInterval = "timeBased" },
            },
        });
        o.ConditionalAccessPolicies.Add(new ConditionalAccessPolicy
        {
            Id = DevicePolicyId,
            DisplayName = DevicePolicyName,
            State = "enabled",
            Conditions = new ConditionalAccessConditions
            {
                Applications = new ConditionalAccessApplications { IncludeAuthenticationContextClassReferences = ["c2"] },
                Users = new ConditionalAccessUsers { IncludeUsers = ["All"] },
            },
            GrantControls = new ConditionalAccessGrantControls { Operator = "OR", BuiltInControls = ["compliantDevice"] },
        });
        o.Settings.TrustedIssuers.Add(TestTokens.Issuer);
    }
}
