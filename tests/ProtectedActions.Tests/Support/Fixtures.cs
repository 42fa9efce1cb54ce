using Microsoft.Extensions.Time.Testing;

namespace ProtectedActions.Tests.Support;

/// <summary>Builders for the seed scenario and small variations of it.</summary>
internal static class Fixtures
{
    public const string BreakGlass = "00000000-0000-0000-0000-0000000000bb";
    public const string Alice = "11111111-1111-1111-1111-111111111111";
    public const string PhishingResistant = KnownAuthenticationStrengths.PhishingResistantMfa;
    public const string Passwordless = KnownAuthenticationStrengths.PasswordlessMfa;
    public const string Multifactor = KnownAuthenticationStrengths.Multifactor;
    public static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    /// <summary>The tenant whose issuer the seed trusts (settings.trustedIssuers) and the sign-ins come from.</summary>
    public const string Tenant = "7c3a9e51-2b4d-4f6a-8e1c-5d9b0a2f4c63";
    public const string Issuer = "https://login.microsoftonline.com/" + Tenant + "/v2.0";

    /// <summary>c1 = phishing-resistant MFA + one-hour sign-in frequency, guarding CA and named-location permissions; break-glass excluded.</summary>
    public static ProtectedActionsOptions Seed() => new()
    {
        AuthenticationContexts = [new() { Id = "c1", DisplayName = "Require phishing-resistant MFA" }],
        ProtectedActions =
        [
            new() { Permission = KnownPermissions.ConditionalAccessPoliciesCreate, AuthenticationContextId = "c1" },
            new() { Permission = KnownPermissions.NamedLocationsCreate, AuthenticationContextId = "c1" },
            new() { Permission = KnownPermissions.ProtectedActionsManagement, AuthenticationContextId = "c1" },
        ],
        ConditionalAccessPolicies = [Policy("p1", "c1", strength: PhishingResistant, hours: 1)],
        EmergencyAccessAccounts = new() { UserIds = [BreakGlass] },
        Settings = new() { TrustedIssuers = [Issuer] },
    };

    public static ConditionalAccessPolicy Policy(string id, string context, string state = "enabled", string? strength = null,
        int? hours = null, string[]? controls = null, string op = "OR", Action<ConditionalAccessConditions>? conditions = null)
    {
        var c = new ConditionalAccessConditions
        {
            Applications = new() { IncludeAuthenticationContextClassReferences = [context] },
            Users = new() { IncludeUsers = ["All"], ExcludeUsers = [BreakGlass] },
        };
        conditions?.Invoke(c);
        return new ConditionalAccessPolicy
        {
            Id = id,
            DisplayName = "Policy " + id,
            State = state,
            Conditions = c,
            GrantControls = new()
            {
                Operator = op,
                BuiltInControls = [.. controls ?? []],
                AuthenticationStrength = strength is null ? null : new() { Id = strength },
            },
            SessionControls = hours is null ? null : new()
            {
                SignInFrequency = new() { IsEnabled = true, Value = hours, Type = "hours", FrequencyInterval = "timeBased" },
            },
        };
    }

    public static SignInContext Fido2(TimeSpan? age = null, string user = Alice) => new()
    {
        UserId = user,
        TenantId = Tenant,
        Issuer = Issuer,
        GroupIds = [],
        RoleIds = [],
        UserType = UserType.Member,
        AuthenticationMethodReferences = ["fido", "mfa"],
        AuthenticationMethods = AuthenticationMethodModes.Fido2,
        AuthenticationTime = Now - (age ?? TimeSpan.FromMinutes(10)),
    };

    public static SignInContext Password(TimeSpan? age = null, string user = Alice) => new()
    {
        UserId = user,
        TenantId = Tenant,
        Issuer = Issuer,
        GroupIds = [],
        RoleIds = [],
        UserType = UserType.Member,
        AuthenticationMethodReferences = ["pwd"],
        AuthenticationTime = Now - (age ?? TimeSpan.FromMinutes(10)),
    };

    public static FakeTimeProvider Clock() => new(Now);

    public static ProtectedActionDecision Evaluate(ProtectedActionsOptions options, SignInContext signIn,
        string permission = KnownPermissions.ConditionalAccessPoliciesCreate, TimeProvider? time = null,
        IDeviceInformationProvider? device = null, ICountryResolver? country = null)
    {
        var evaluator = ProtectedActionEvaluator.Create(options, time ?? Clock(), device, country);
        return evaluator.EvaluateAsync(new ProtectedActionRequest(permission, signIn)).AsTask().GetAwaiter().GetResult();
    }
}
