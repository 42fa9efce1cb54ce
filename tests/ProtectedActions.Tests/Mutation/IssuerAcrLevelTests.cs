using static ProtectedActions.Tests.Providers.ProviderFixtures;

namespace ProtectedActions.Tests.Mutation;

/// <summary>
/// acr levels of an issuer profile: a context listing several levels is satisfied from the lowest of them upwards,
/// in whatever order they are listed; a profile without levels compares the listed values exactly.
/// </summary>
public class IssuerAcrLevelTests
{
    private static ProtectedActionsOptions Levels(params string[] c1) => Options(o =>
        o.Settings.Issuers[1].Acr = new() { Levels = ["0", "1", "2", "3"], Contexts = new(StringComparer.OrdinalIgnoreCase) { ["c1"] = [.. c1] } });

    private static SatisfiedBy By(ProtectedActionsOptions o, string? acr, string issuer = Keycloak) =>
        Support.Fixtures.Evaluate(o, SignIn(issuer, acr), Strong).SatisfiedBy;

    [TestCase("0", SatisfiedBy.None)]
    [TestCase("1", SatisfiedBy.Token)]
    [TestCase("2", SatisfiedBy.Token)]
    [TestCase("3", SatisfiedBy.Token)]
    public void A_context_listing_several_levels_is_satisfied_from_the_lowest_listed_level(string acr, SatisfiedBy expected)
    {
        By(Levels("2", "1"), acr).Should().Be(expected);
        By(Levels("1", "2"), acr).Should().Be(expected);
    }

    [TestCase("gold", SatisfiedBy.Token)]
    [TestCase("platinum", SatisfiedBy.Token)]
    [TestCase("Gold", SatisfiedBy.None)]
    [TestCase("silver", SatisfiedBy.None)]
    public void A_profile_without_levels_compares_the_listed_values_exactly(string acr, SatisfiedBy expected) =>
        By(Options(), acr, Generic).Should().Be(expected);
}
