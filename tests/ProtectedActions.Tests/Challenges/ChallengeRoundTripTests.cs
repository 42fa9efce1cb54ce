using ProtectedActions.Challenges;
using ProtectedActions.Validation;

namespace ProtectedActions.Tests.Challenges;

/// <summary>Every challenge the core writes is read back by the client package's parser (ProtectedActions.Client).</summary>
public class ChallengeRoundTripTests
{
    [TestCase(ChallengeFormat.Entra)]
    [TestCase(ChallengeFormat.Rfc9470)]
    [TestCase(ChallengeFormat.Both)]
    public void Round_trips_every_challenge_the_library_writes(ChallengeFormat format)
    {
        var settings = new ProtectedActionsSettings { ChallengeFormat = format, Realm = "a \"quoted\" \\ realm" };
        settings.AcrValues["c3"] = "urn:example:gold silver";
        var builder = ChallengeBuilder.Create(settings, ["c1", "c3", "c99"], "p", new IssueCollector());
        foreach (var id in new[] { "c1", "c3", "c99" })
        {
            foreach (var maxAge in new int?[] { null, 0, 300 })
            {
                var step = builder.Get(id, maxAge);
                var parsed = step.WwwAuthenticate.SelectMany(ChallengeParser.Parse).ToList();
                parsed.Should().HaveCount(step.WwwAuthenticate.Count);
                if (format != ChallengeFormat.Rfc9470)
                {
                    parsed[0].Claims.Should().Be(step.Claims);
                    parsed[0].Parameters["realm"].Should().Be("a \"quoted\" \\ realm");
                }

                if (format != ChallengeFormat.Entra)
                {
                    var rfc = parsed[^1];
                    rfc.AcrValues.Should().Equal(id == "c3" ? ["urn:example:gold", "silver"] : [id]);
                    rfc.MaxAge.Should().Be(maxAge);
                }
            }
        }
    }
}
