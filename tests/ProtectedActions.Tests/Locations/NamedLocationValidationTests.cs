using System.Net;
using ProtectedActions.Conditions;
using ProtectedActions.Conditions.Locations;
using ProtectedActions.Validation;

namespace ProtectedActions.Tests.Locations;

internal sealed class NamedLocationValidationTests
{
    private const string Path = "ProtectedActions:NamedLocations[2]";

    private static (CompiledNamedLocation? Location, IReadOnlyList<ConfigurationIssue> Issues) Compile(NamedLocation location)
    {
        var issues = new IssueCollector();
        var compiled = CompiledNamedLocation.Compile(location, Path, issues);
        (compiled is null).Should().Be(issues.HasErrors, "a location compiles exactly when there are no errors");
        return (compiled, issues.Issues);
    }

    private static NamedLocation Ip(params string?[] cidrs) => new()
    {
        Id = "office",
        IpRanges = cidrs.Select(c => new IpRange { CidrAddress = c }).ToList(),
    };

    [Test]
    public void Malformed_and_too_wide_ranges_are_errors_at_their_cidrAddress_path()
    {
        var (location, issues) = Compile(Ip("203.0.113.0/24", "198.51.100.0/24", "192.0.2.0/24", "10.0.0.0/7", "banana", null));
        location.Should().BeNull();
        issues.Select(i => (i.Code, i.Path, i.Message)).Should().Equal(
            ("PA3007", Path + ":ipRanges[3]:cidrAddress", "'10.0.0.0/7' has a /7 mask; masks wider than /8 are not allowed"),
            ("PA3006", Path + ":ipRanges[4]:cidrAddress", "'banana' has no prefix length; write a single address as /32 (IPv4) or /128 (IPv6)"),
            ("PA3005", Path + ":ipRanges[5]:cidrAddress", "cidrAddress is required"));
    }

    [Test]
    public void Host_bits_are_a_warning_and_the_enclosing_network_is_used()
    {
        var (location, issues) = Compile(Ip("203.0.113.7/24"));
        issues.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Severity = ConfigurationSeverity.Warning,
            Code = "PA3009",
            Path = Path + ":ipRanges[0]:cidrAddress",
            Message = "'203.0.113.7/24' has bits set after the prefix; it is treated as 203.0.113.0/24",
        });
        location!.Contains(IPAddress.Parse("203.0.113.200"), null, false).Should().Be(ConditionMatch.Match);
    }

    [TestCase("#microsoft.graph.iPv4CidrRange", "203.0.113.0/24", null)]
    [TestCase("#MICROSOFT.GRAPH.IPV6CIDRRANGE", "2001:db8::/32", null)]
    [TestCase("#microsoft.graph.iPv6CidrRange", "203.0.113.0/24", "'#microsoft.graph.iPv6CidrRange' does not match the IPv4 address in cidrAddress")]
    [TestCase("#microsoft.graph.iPv4CidrRange", "2001:db8::/32", "'#microsoft.graph.iPv4CidrRange' does not match the IPv6 address in cidrAddress")]
    [TestCase("#microsoft.graph.ipRange", "203.0.113.0/24", "'#microsoft.graph.ipRange' is not #microsoft.graph.iPv4CidrRange or #microsoft.graph.iPv6CidrRange")]
    public void A_range_type_must_agree_with_its_address(string type, string cidr, string? error)
    {
        var (_, issues) = Compile(new NamedLocation { Id = "x", IpRanges = [new IpRange { ODataType = type, CidrAddress = cidr }] });
        if (error is null)
        {
            issues.Should().BeEmpty();
        }
        else
        {
            issues.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Code = "PA3008", Path = Path + ":ipRanges[0]:@odata.type", Message = error });
        }
    }

    [Test]
    public void More_than_2000_ranges_is_a_warning_and_still_matches()
    {
        var cidrs = Enumerable.Range(0, 2001).Select(i => $"10.{i / 256}.{i % 256}.0/24").ToArray();
        var (location, issues) = Compile(Ip(cidrs));
        issues.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Severity = ConfigurationSeverity.Warning, Code = "PA3010", Path = Path + ":ipRanges" });
        location!.Contains(IPAddress.Parse("10.7.208.9"), null, false).Should().Be(ConditionMatch.Match);
        location.Contains(IPAddress.Parse("10.7.209.9"), null, false).Should().Be(ConditionMatch.NoMatch);
    }

    [Test]
    public void A_runaway_number_of_ranges_is_an_error()
    {
        var (_, issues) = Compile(Ip(Enumerable.Repeat("10.0.0.0/8", CompiledNamedLocation.MaxRanges + 1).ToArray()));
        issues.Should().ContainSingle().Which.Code.Should().Be("PA3013");
    }

    [Test]
    public void Only_the_first_twenty_bad_ranges_are_listed()
    {
        var (_, issues) = Compile(Ip(Enumerable.Repeat("nope", 25).ToArray()));
        issues.Should().HaveCount(21);
        issues[^1].Message.Should().Be("5 more invalid ranges not listed");
    }

    [TestCase("#microsoft.graph.ipNamedLocation", false)]
    [TestCase("#Microsoft.Graph.IPNamedLocation", false)]
    [TestCase("#microsoft.graph.countryNamedLocation", true)]
    public void The_kind_comes_from_the_odata_type(string type, bool country)
    {
        var location = country
            ? new NamedLocation { ODataType = type, Id = "x", CountriesAndRegions = ["US"] }
            : new NamedLocation { ODataType = type, Id = "x", IpRanges = [new IpRange { CidrAddress = "203.0.113.0/24" }] };
        Compile(location).Location!.IsCountryLocation.Should().Be(country);
    }

    [Test]
    public void Without_an_odata_type_the_kind_follows_from_the_list_that_is_set()
    {
        Compile(new NamedLocation { ODataType = "", Id = "x", CountriesAndRegions = ["US"] }).Location!.IsCountryLocation.Should().BeTrue();
        Compile(new NamedLocation { Id = "x", IpRanges = [new IpRange { ODataType = " ", CidrAddress = "203.0.113.0/24" }] }).Issues.Should().BeEmpty();
        Compile(new NamedLocation { Id = "x", CountriesAndRegions = ["US"] }).Location!.IsCountryLocation.Should().BeTrue();
        Compile(new NamedLocation { Id = "x", IpRanges = [new IpRange { CidrAddress = "203.0.113.0/24" }] }).Location!.IsCountryLocation.Should().BeFalse();
    }

    [Test]
    public void Structural_errors_have_codes_and_paths()
    {
        Single(new NamedLocation { ODataType = "#microsoft.graph.namedLocation", Id = "x", CountriesAndRegions = ["US"] })
            .Should().Be(("PA3002", Path + ":@odata.type", "'#microsoft.graph.namedLocation' is not #microsoft.graph.ipNamedLocation, #microsoft.graph.countryNamedLocation or #microsoft.graph.compliantNetworkNamedLocation"));
        Single(new NamedLocation { Id = "x" })
            .Should().Be(("PA3004", Path, "a named location needs ipRanges or countriesAndRegions"));
        Single(new NamedLocation { Id = "x", CountriesAndRegions = ["US"], IpRanges = [new IpRange { CidrAddress = "203.0.113.0/24" }] })
            .Should().Be(("PA3003", Path, "a named location has either ipRanges or countriesAndRegions, not both; set @odata.type to #microsoft.graph.ipNamedLocation or #microsoft.graph.countryNamedLocation"));
        Single(new NamedLocation { ODataType = "#microsoft.graph.ipNamedLocation", Id = "x", CountriesAndRegions = ["US"] })
            .Should().Be(("PA3003", Path, "an IP location must not have countriesAndRegions"));
        Single(new NamedLocation { ODataType = "#microsoft.graph.countryNamedLocation", Id = "x", IpRanges = [new IpRange { CidrAddress = "203.0.113.0/24" }] })
            .Should().Be(("PA3003", Path, "a country location must not have ipRanges"));
        Single(new NamedLocation { ODataType = "#microsoft.graph.ipNamedLocation", Id = "x", IpRanges = [] })
            .Should().Be(("PA3004", Path + ":ipRanges", "an IP location needs at least one range"));
        Single(new NamedLocation { ODataType = "#microsoft.graph.countryNamedLocation", Id = "x" })
            .Should().Be(("PA3004", Path + ":countriesAndRegions", "a country location needs at least one country or includeUnknownCountriesAndRegions: true"));
        Single(new NamedLocation { Id = " ", CountriesAndRegions = ["US"] })
            .Should().Be(("PA3001", Path + ":id", "a named location needs an id"));

        static (string, string, string) Single(NamedLocation location)
        {
            var issue = Compile(location).Issues.Should().ContainSingle().Subject;
            issue.Severity.Should().Be(ConfigurationSeverity.Error);
            return (issue.Code, issue.Path, issue.Message);
        }
    }

    [Test]
    public void More_than_195_locations_is_a_warning()
    {
        var issues = new IssueCollector();
        NamedLocationLimits.CheckLimits(Enumerable.Range(0, 195).Select(_ => new NamedLocation()).ToList(), "ProtectedActions:NamedLocations", issues);
        issues.Issues.Should().BeEmpty();

        NamedLocationLimits.CheckLimits(Enumerable.Range(0, 196).Select(_ => new NamedLocation()).ToList(), "ProtectedActions:NamedLocations", issues);
        issues.HasErrors.Should().BeFalse();
        issues.Issues.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Severity = ConfigurationSeverity.Warning, Code = "PA3015", Path = "ProtectedActions:NamedLocations" });
    }
}
