using System.Net;
using ProtectedActions.Conditions;
using ProtectedActions.Conditions.Locations;
using ProtectedActions.Validation;

namespace ProtectedActions.Tests.Locations;

internal sealed class CountryNamedLocationTests
{
    private const string Path = "ProtectedActions:NamedLocations[1]";

    private static CompiledNamedLocation Countries(bool includeUnknown, params string[] codes)
    {
        var issues = new IssueCollector();
        var location = CompiledNamedLocation.Compile(new NamedLocation
        {
            ODataType = "#microsoft.graph.countryNamedLocation",
            Id = "eu",
            CountriesAndRegions = [.. codes],
            IncludeUnknownCountriesAndRegions = includeUnknown,
        }, Path, issues);
        issues.Issues.Should().BeEmpty();
        return location!;
    }

    [TestCase("DE", true, ConditionMatch.Match)]
    [TestCase("de", true, ConditionMatch.Match)]
    [TestCase("FR", true, ConditionMatch.Match)]
    [TestCase("US", true, ConditionMatch.NoMatch)]
    [TestCase("US", false, ConditionMatch.NoMatch)]
    [TestCase("USA", true, ConditionMatch.Unknown)] // not a code: a broken resolver fails closed
    [TestCase("", true, ConditionMatch.Unknown)]
    [TestCase("D1", true, ConditionMatch.Unknown)]
    public void A_known_country_matches_by_code(string country, bool countryKnown, ConditionMatch expected) =>
        Countries(false, "DE", "fr").Contains(IPAddress.Parse("203.0.113.1"), country, countryKnown).Should().Be(expected);

    [TestCase(true, ConditionMatch.Match)]
    [TestCase(false, ConditionMatch.NoMatch)]
    public void A_lookup_that_found_no_country_follows_includeUnknownCountriesAndRegions(bool includeUnknown, ConditionMatch expected) =>
        Countries(includeUnknown, "DE").Contains(IPAddress.Parse("203.0.113.1"), null, true).Should().Be(expected);

    [TestCase(true)]
    [TestCase(false)]
    public void Without_a_lookup_the_country_is_unknown(bool includeUnknown) =>
        Countries(includeUnknown, "DE").Contains(IPAddress.Parse("203.0.113.1"), null, false).Should().Be(ConditionMatch.Unknown);

    [Test]
    public void The_address_key_overload_agrees()
    {
        var location = Countries(false, "DE");
        location.Contains(default, false, "DE", true).Should().Be(ConditionMatch.Match);
        location.Contains(default, false, null, false).Should().Be(ConditionMatch.Unknown);
        location.IsCountryLocation.Should().BeTrue();
        location.NeedsCountry.Should().BeTrue();
    }

    [Test]
    public void Unknown_countries_alone_are_a_valid_location()
    {
        var location = Countries(true);
        location.Contains(null, null, true).Should().Be(ConditionMatch.Match);
        location.Contains(null, "DE", true).Should().Be(ConditionMatch.NoMatch);
    }

    [Test]
    public void Invalid_codes_are_errors_at_their_index()
    {
        var issues = new IssueCollector();
        CompiledNamedLocation.Compile(new NamedLocation { Id = "x", CountriesAndRegions = ["DE", "Germany", "D", "1A"] }, Path, issues).Should().BeNull();
        issues.Issues.Select(i => (i.Code, i.Path)).Should().Equal(
            ("PA3011", Path + ":countriesAndRegions[1]"),
            ("PA3011", Path + ":countriesAndRegions[2]"),
            ("PA3011", Path + ":countriesAndRegions[3]"));
        issues.Issues[0].Message.Should().Be("'Germany' is not an ISO 3166 alpha-2 code such as US or DE");
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("clientIpAddress")]
    [TestCase("CLIENTIPADDRESS")]
    public void The_client_IP_lookup_method_is_evaluated(string? method)
    {
        var issues = new IssueCollector();
        var location = CompiledNamedLocation.Compile(new NamedLocation { Id = "x", CountriesAndRegions = ["DE"], CountryLookupMethod = method }, Path, issues);
        issues.Issues.Should().BeEmpty();
        location!.Contains(null, "DE", true).Should().Be(ConditionMatch.Match);
    }

    [Test]
    public void The_authenticator_GPS_lookup_is_a_warning_and_always_unknown()
    {
        var issues = new IssueCollector();
        var location = CompiledNamedLocation.Compile(new NamedLocation { Id = "x", CountriesAndRegions = ["DE"], CountryLookupMethod = "authenticatorAppGps" }, Path, issues);
        issues.Issues.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Severity = ConfigurationSeverity.Warning, Code = "PA3012", Path = Path + ":countryLookupMethod" });
        location!.NeedsCountry.Should().BeFalse();
        location.Contains(null, "DE", true).Should().Be(ConditionMatch.Unknown);
        location.Contains(null, null, true).Should().Be(ConditionMatch.Unknown);
    }

    [Test]
    public void An_unknown_lookup_method_is_an_error()
    {
        var issues = new IssueCollector();
        CompiledNamedLocation.Compile(new NamedLocation { Id = "x", CountriesAndRegions = ["DE"], CountryLookupMethod = "gps" }, Path, issues).Should().BeNull();
        issues.Issues.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Code = "PA3016", Path = Path + ":countryLookupMethod", Message = "'gps' is not clientIpAddress or authenticatorAppGps" });
    }

    [Test]
    public void A_country_location_cannot_be_trusted()
    {
        var issues = new IssueCollector();
        var location = CompiledNamedLocation.Compile(new NamedLocation { Id = "x", CountriesAndRegions = ["DE"], IsTrusted = true }, Path, issues);
        location!.IsTrusted.Should().BeFalse();
        issues.Issues.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Severity = ConfigurationSeverity.Warning, Code = "PA3014", Path = Path + ":isTrusted" });
    }
}
