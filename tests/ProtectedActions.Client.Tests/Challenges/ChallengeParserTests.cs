using System.Text;

namespace ProtectedActions.Client.Tests.Challenges;

public class ChallengeParserTests
{
    private const string Rfc9470Figure1 =
        "Bearer error=\"insufficient_user_authentication\", error_description=\"A different authentication level is required\", acr_values=\"myACR\"";
    private const string Rfc9470Figure2 =
        "Bearer error=\"insufficient_user_authentication\", error_description=\"More recent authentication is required\", max_age=\"5\"";

    [Test]
    public void Reads_rfc9470_figure_1()
    {
        var challenge = ChallengeParser.Parse(Rfc9470Figure1).Should().ContainSingle().Subject;
        challenge.Scheme.Should().Be("Bearer");
        challenge.Error.Should().Be("insufficient_user_authentication");
        challenge.ErrorDescription.Should().Be("A different authentication level is required");
        challenge.AcrValues.Should().Equal("myACR");
        challenge.MaxAge.Should().BeNull();
        challenge.Claims.Should().BeNull();
    }

    [Test]
    public void Reads_rfc9470_figure_2()
    {
        var challenge = ChallengeParser.Parse(Rfc9470Figure2).Should().ContainSingle().Subject;
        challenge.MaxAge.Should().Be(5);
        challenge.AcrValues.Should().BeEmpty();
    }

    [Test]
    public void Reads_the_rfc9470_examples_as_folded_in_the_rfc()
    {
        // The RFC shows the value folded over lines; after unfolding (RFC 9112 obs-fold → SP) it parses the same.
        var folded = "Bearer error=\"insufficient_user_authentication\",\n  error_description=\"A different authentication level is required\",\n  acr_values=\"myACR\"";
        ChallengeParser.Parse(folded.Replace("\n", " ", StringComparison.Ordinal))[0].AcrValues.Should().Equal("myACR");
    }

    [Test]
    public void Reads_the_entra_claims_challenge_and_decodes_the_claims()
    {
        const string json = "{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}";
        var header = "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", error=\"insufficient_claims\", claims=\""
            + Convert.ToBase64String(Encoding.UTF8.GetBytes(json)) + "\"";

        var challenge = ChallengeParser.Parse(header).Should().ContainSingle().Subject;
        challenge.Parameters["realm"].Should().BeEmpty();
        challenge.Parameters["authorization_uri"].Should().Be("https://login.microsoftonline.com/common/oauth2/authorize");
        challenge.Claims.Should().Be(json);
    }

    [Test]
    public void Several_challenges_in_one_value_rfc9110_example()
    {
        // RFC 9110 §11.6.1's example.
        var challenges = ChallengeParser.Parse("Newauth realm=\"apps\", type=1, title=\"Login to \\\"apps\\\"\", Basic realm=\"simple\"");
        challenges.Should().HaveCount(2);
        challenges[0].Scheme.Should().Be("Newauth");
        challenges[0].Parameters.Should().BeEquivalentTo(new Dictionary<string, string> { ["realm"] = "apps", ["type"] = "1", ["title"] = "Login to \"apps\"" });
        challenges[1].Scheme.Should().Be("Basic");
        challenges[1].Parameters["realm"].Should().Be("simple");
    }

    [Test]
    public void Token_values_quoted_values_names_in_any_case_and_loose_whitespace()
    {
        var challenge = ChallengeParser.Parse("  bearer  ERROR = insufficient_user_authentication ,max_age=300,acr_values=\"a  b\" ")[0];
        challenge.Scheme.Should().Be("bearer");
        challenge.Error.Should().Be("insufficient_user_authentication");
        challenge.MaxAge.Should().Be(300);
        challenge.AcrValues.Should().Equal("a", "b");
    }

    [Test]
    public void Schemes_without_parameters_token68_and_empty_list_elements()
    {
        var challenges = ChallengeParser.Parse("Negotiate, , Basic YWxhZGRpbjpvcGVuc2VzYW1l==, Bearer, DPoP algs=\"ES256 PS256\"");
        challenges.Select(c => c.Scheme).Should().Equal("Negotiate", "Basic", "Bearer", "DPoP");
        challenges[0].Parameters.Should().BeEmpty();
        challenges[1].Token68.Should().Be("YWxhZGRpbjpvcGVuc2VzYW1l==");
        ChallengeParser.Parse("Bearer realm=")[0].Token68.Should().Be("realm=", "a name with '=' and no value is a token68 by RFC 9110's grammar");
        challenges[3].Parameters["algs"].Should().Be("ES256 PS256");
    }

    [Test]
    public void Claims_are_decoded_from_base64url_without_padding_and_from_raw_json()
    {
        const string json = "{\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c25\"}}}";
        var url = Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        ChallengeParser.Parse($"Bearer error=\"insufficient_claims\", claims=\"{url}\"")[0].Claims.Should().Be(json);
        ChallengeParser.Parse("Bearer error=insufficient_claims, claims=\"{\\\"id_token\\\":{}}\"")[0].Claims.Should().Be("{\"id_token\":{}}");
    }

    [Test]
    public void Claims_are_only_interpreted_for_insufficient_claims()
    {
        var challenge = ChallengeParser.Parse("Bearer error=\"invalid_token\", claims=\"eyJ9\"")[0];
        challenge.Claims.Should().BeNull();
        challenge.Parameters["claims"].Should().Be("eyJ9");
    }

    public static IEnumerable<string> Malformed() =>
    [
        "",
        "   ",
        ",",
        "=",
        "Bearer realm=\"unterminated",
        "Bearer realm=, error=x",                  // "realm=" is a token68 (RFC 9110), which takes no parameters
        "Bearer realm=\"a\" error=\"b\"",          // missing comma
        "Bearer realm=\"a\", realm=\"b\"",          // duplicate parameter
        "Bearer REALM=\"a\", realm=\"b\"",          // names are case-insensitive
        "Bearer=abc",
        "Bearer realm=\"a\r\nX-Injected: 1\"",
        "Bearer realm=\"é\"",
        "Bearer a/b=c",
        "Bearer abc==, realm=x",                   // token68 takes no parameters
        "Bearer error=\"insufficient_claims\", claims=\"!!!\"",
        "Bearer error=\"insufficient_claims\", claims=\"" + Convert.ToBase64String("not json"u8.ToArray()) + "\"",
        "Bearer error=\"insufficient_claims\", claims=\"" + Convert.ToBase64String(new byte[] { 0xff, 0xfe, 0x7b }) + "\"",
        "Bearer error=\"insufficient_claims\", claims=\"" + Convert.ToBase64String(Encoding.UTF8.GetBytes(new string('[', 100) + new string(']', 100))) + "\"",
        "Bearer max_age=\"-1\"",
        "Bearer max_age=\"five\"",
        "Bearer max_age=\"99999999999\"",
        "\"Bearer\"",
    ];

    [TestCaseSource(nameof(Malformed))]
    public void Malformed_values_are_a_format_exception_and_try_parse_says_false(string header)
    {
        FluentActions.Invoking(() => ChallengeParser.Parse(header)).Should().Throw<FormatException>();
        ChallengeParser.TryParse(header, out var challenges).Should().BeFalse();
        challenges.Should().BeEmpty();
    }

    [Test]
    public void The_parser_is_bounded()
    {
        var tooLong = "Bearer realm=\"" + new string('a', ChallengeParser.MaxLength) + "\"";
        ChallengeParser.TryParse(tooLong, out _).Should().BeFalse();

        var manyChallenges = string.Join(", ", Enumerable.Repeat("Basic", ChallengeParser.MaxChallenges + 1));
        ChallengeParser.TryParse(manyChallenges, out _).Should().BeFalse();
        ChallengeParser.Parse(string.Join(", ", Enumerable.Repeat("Basic", ChallengeParser.MaxChallenges))).Should().HaveCount(ChallengeParser.MaxChallenges);

        var manyParameters = "Bearer " + string.Join(", ", Enumerable.Range(0, ChallengeParser.MaxParameters + 1).Select(i => $"p{i}=v"));
        ChallengeParser.TryParse(manyParameters, out _).Should().BeFalse();
    }

    [Test]
    public void Null_is_an_argument_exception_for_parse_and_false_for_try_parse()
    {
        FluentActions.Invoking(() => ChallengeParser.Parse(null!)).Should().Throw<ArgumentNullException>();
        ChallengeParser.TryParse(null, out _).Should().BeFalse();
    }

    // Property-style: random printable and unprintable noise, and mutations of real challenges, never throw
    // anything but FormatException, and TryParse never throws.
    [Test]
    public void Random_input_only_ever_fails_with_format_exception([Values(1, 2, 3)] int seed)
    {
        var random = new Random(seed);
        const string alphabet = "Bearer realm=\"\\, \t=abcXYZ019+/-._~\r\né{}";
        var seeds = new[] { Rfc9470Figure1, Rfc9470Figure2, "Newauth realm=\"apps\", type=1, Basic realm=\"simple\"" };
        for (var i = 0; i < 2000; i++)
        {
            string input;
            if (i % 2 == 0)
            {
                input = new string(Enumerable.Range(0, random.Next(0, 60)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            }
            else
            {
                var chars = seeds[random.Next(seeds.Length)].ToCharArray();
                for (var m = 0; m < 3; m++)
                {
                    chars[random.Next(chars.Length)] = alphabet[random.Next(alphabet.Length)];
                }

                input = new string(chars);
            }

            try
            {
                _ = ChallengeParser.Parse(input);
            }
            catch (FormatException)
            {
            }

            FluentActions.Invoking(() => ChallengeParser.TryParse(input, out _)).Should().NotThrow();
        }
    }
}
