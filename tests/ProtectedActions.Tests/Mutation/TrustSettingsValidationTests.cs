using ProtectedActions.Tests.Support;

namespace ProtectedActions.Tests.Mutation;

/// <summary>
/// Validation of whose <c>acrs</c> counts (settings trustedIssuers, trustedTenantIds, trustAcrsClaim,
/// trustAcrsFromAnyValidatedIssuer): the entry bounds (1000 each, inclusive; an issuer of up to 2048 characters) and the
/// exact PA1062, PA1080–PA1084 issues.
/// </summary>
public class TrustSettingsValidationTests
{
    private const string Settings = "ProtectedActions:Settings";

    private static ConfigurationValidationResult Validate(Action<ProtectedActionsSettings> change)
    {
        var o = Fixtures.Seed();
        change(o.Settings);
        return ProtectedActionsConfiguration.Validate(o);
    }

    private static void Only(ConfigurationValidationResult result, ConfigurationSeverity severity, string code, string path, string message)
    {
        result.Issues.Where(i => i.Severity != ConfigurationSeverity.Information).Should().ContainSingle("issues were: " + string.Join(" | ", result.Issues))
            .Which.Should().Match<ConfigurationIssue>(i => i.Severity == severity && i.Code == code && i.Path == path && i.Message == message,
                "{0} {1}: {2} is expected", code, path, message);
    }

    private static List<string> Issuers(int count) => [.. Enumerable.Range(0, count).Select(i => $"https://issuer{i}.contoso.example/")];

    private static List<string> Tenants(int count) => [.. Enumerable.Range(1, count).Select(i => new Guid(i, 0, 0, new byte[8]).ToString("D"))];

    [Test]
    public void A_thousand_trusted_issuers_and_a_thousand_tenants_are_accepted() =>
        Validate(s => { s.TrustedIssuers = Issuers(1000); s.TrustedTenantIds = Tenants(1000); }).IsValid.Should().BeTrue();

    [Test]
    public void More_than_a_thousand_trusted_issuers_are_refused() =>
        Only(Validate(s => s.TrustedIssuers = Issuers(1001)), ConfigurationSeverity.Error, IssueCodes.TooManyEntries, Settings + ":trustedIssuers", "more than 1000 entries");

    [Test]
    public void More_than_a_thousand_trusted_tenants_are_refused() =>
        Only(Validate(s => s.TrustedTenantIds = Tenants(1001)), ConfigurationSeverity.Error, IssueCodes.TooManyEntries, Settings + ":trustedTenantIds", "more than 1000 entries");

    [TestCase("")]
    [TestCase("  ")]
    [TestCase(null)]
    public void An_empty_trusted_issuer_is_refused(string? issuer) =>
        Only(Validate(s => s.TrustedIssuers.Add(issuer!)), ConfigurationSeverity.Error, IssueCodes.EmptyTrustedIssuer, Settings + ":trustedIssuers[1]",
            "a trusted issuer must not be empty");

    private static string IssuerOfLength(int length) => "https://login.contoso.example/" + new string('a', length - "https://login.contoso.example/".Length);

    [Test]
    public void A_trusted_issuer_of_2048_characters_is_accepted()
    {
        IssuerOfLength(2048).Should().HaveLength(2048);
        Validate(s => s.TrustedIssuers.Add(IssuerOfLength(2048))).IsValid.Should().BeTrue();
    }

    [TestCase(2049)]
    [TestCase(0)]
    public void A_trusted_issuer_that_is_too_long_or_not_an_https_uri_is_refused(int length) =>
        Only(Validate(s => s.TrustedIssuers.Add(length > 0 ? IssuerOfLength(length) : "http://login.contoso.example/")), ConfigurationSeverity.Error,
            IssueCodes.InvalidTrustedIssuer, Settings + ":trustedIssuers[1]",
            "a trusted issuer must be an absolute https URI without whitespace (http only for a development issuer on loopback), exactly as the token's iss claim says it (for example https://login.microsoftonline.com/{tenant-id}/v2.0)");

    [TestCase("contoso.onmicrosoft.com")]
    [TestCase("00000000-0000-0000-0000-000000000000")]
    public void A_trusted_tenant_that_is_not_a_tenant_guid_is_refused(string tenant) =>
        Only(Validate(s => s.TrustedTenantIds = [tenant]), ConfigurationSeverity.Error, IssueCodes.InvalidTrustedTenantId, Settings + ":trustedTenantIds[0]",
            "a trusted tenant id must be a tenant GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47");

    [Test]
    public void Trusting_acrs_without_naming_an_issuer_is_refused() =>
        Only(Validate(s => s.TrustedIssuers = []), ConfigurationSeverity.Error, IssueCodes.AcrsTrustWithoutIssuers, Settings + ":trustedIssuers",
            "trustAcrsClaim is on but no issuer is trusted, so any issuer the host accepts could satisfy a context with acrs. "
            + "Name the issuers in settings:trustedIssuers (or your Entra tenant ids in settings:trustedTenantIds); "
            + "or set settings:trustAcrsFromAnyValidatedIssuer to true if the host validates tokens of one tenant only; "
            + "or set settings:trustAcrsClaim to false to evaluate policies from the token's claims alone");

    [Test]
    public void Trusting_any_validated_issuer_while_issuers_are_listed_is_a_warning() =>
        Only(Validate(s => s.TrustAcrsFromAnyValidatedIssuer = true), ConfigurationSeverity.Warning, IssueCodes.AnyIssuerIgnored,
            Settings + ":trustAcrsFromAnyValidatedIssuer",
            "trustAcrsFromAnyValidatedIssuer has no effect while settings:trustedIssuers or settings:trustedTenantIds lists issuers: acrs counts only from those");

    [TestCase(false, true)]
    [TestCase(true, false)]
    public void Trusting_any_validated_issuer_is_not_a_warning_when_acrs_is_off_or_no_issuer_is_listed(bool trustAcrs, bool listed)
    {
        var result = Validate(s =>
        {
            s.TrustAcrsClaim = trustAcrs;
            s.TrustAcrsFromAnyValidatedIssuer = true;
            s.TrustedIssuers = listed ? s.TrustedIssuers : [];
        });

        result.IsValid.Should().BeTrue();
        result.Issues.Should().NotContain(i => i.Code == IssueCodes.AnyIssuerIgnored);
    }
}
