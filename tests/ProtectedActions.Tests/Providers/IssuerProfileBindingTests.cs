using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static ProtectedActions.Tests.Providers.ProviderFixtures;

namespace ProtectedActions.Tests.Providers;

/// <summary>The configuration contract of settings:issuers, read by the document reader and by AddProtectedActions(IConfiguration) alike.</summary>
public class IssuerProfileBindingTests
{
    private const string Json = """
        {
          "authenticationContexts": [ { "id": "c1", "displayName": "Approve" }, { "id": "c2", "displayName": "Read" } ],
          "protectedActions": [
            { "permission": "contoso.payroll/payments/approve", "authenticationContextId": "c1" },
            { "permission": "contoso.payroll/payments/read", "authenticationContextId": "c2" }
          ],
          "conditionalAccessPolicies": [ {
            "id": "p1", "displayName": "Phishing-resistant", "state": "enabled",
            "conditions": { "applications": { "includeAuthenticationContextClassReferences": [ "c1", "c2" ] }, "users": { "includeUsers": [ "All" ] } },
            "grantControls": { "operator": "OR", "authenticationStrength": { "id": "00000000-0000-0000-0000-000000000004" } }
          } ],
          "settings": {
            "issuers": [
              { "issuer": "https://login.microsoftonline.com/7c3a9e51-2b4d-4f6a-8e1c-5d9b0a2f4c63/v2.0", "profile": "entra" },
              { "issuer": "https://sso.contoso.example/realms/staff", "profile": "keycloak",
                "acr": { "levels": ["0", "1", "2"], "contexts": { "c1": ["2"], "c2": ["1"] } } },
              { "issuer": "https://contoso.okta.example", "profile": "okta",
                "acr": { "contexts": { "c1": ["urn:okta:loa:2fa:any"] } }, "challengeFormat": "both", "amr": { "kba": "password" } }
            ]
          }
        }
        """;

    private static void ShouldDecideAsTheContractSays(IProtectedActionEvaluator evaluator)
    {
        ProtectedActionOutcome Decide(string issuer, string acr, string permission) =>
            evaluator.EvaluateAsync(new ProtectedActionRequest(permission, SignIn(issuer, acr))).AsTask().GetAwaiter().GetResult().Outcome;

        Decide(Keycloak, "2", Strong).Should().Be(ProtectedActionOutcome.Allowed);
        Decide(Keycloak, "1", Strong).Should().Be(ProtectedActionOutcome.StepUpRequired);
        Decide(Keycloak, "1", Weak).Should().Be(ProtectedActionOutcome.Allowed);
        Decide("https://contoso.okta.example", "phr", Strong).Should().Be(ProtectedActionOutcome.Allowed);
        Decide("https://contoso.okta.example", "urn:okta:loa:1fa:any", Strong).Should().Be(ProtectedActionOutcome.StepUpRequired);
        var okta = evaluator.EvaluateAsync(new ProtectedActionRequest(Strong, SignIn("https://contoso.okta.example", "urn:okta:loa:1fa:any")))
            .AsTask().GetAwaiter().GetResult();
        okta.Challenge!.WwwAuthenticate.Should().HaveCount(2, "challengeFormat both on the entry");
        okta.Challenge.AcrValues.Should().Be("urn:okta:loa:2fa:any");
    }

    [Test]
    public void The_document_reader_reads_the_contract()
    {
        var result = ProtectedActionsDocument.Parse(Json);

        result.Issues.Where(i => i.Severity == ConfigurationSeverity.Error || i.Code == IssueCodes.UnknownPropertyWarning).Should().BeEmpty();
        result.Options.Settings.Issuers.Should().HaveCount(3);
        result.Options.Settings.Issuers[1].Acr!.Contexts["c1"].Should().Equal("2");
        ShouldDecideAsTheContractSays(ProtectedActionEvaluator.Create(result.Options, Support.Fixtures.Clock()));
    }

    [Test]
    public void AddProtectedActions_binds_the_contract_from_IConfiguration()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes("{ \"ProtectedActions\": " + Json + " }")))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Support.Fixtures.Clock());
        services.AddProtectedActions(configuration.GetSection("ProtectedActions"));
        using var provider = services.BuildServiceProvider();

        ShouldDecideAsTheContractSays(provider.GetRequiredService<IProtectedActionEvaluator>());
    }

    [Test]
    public void A_misspelt_issuer_property_is_reported()
    {
        var result = ProtectedActionsDocument.Parse(Json.Replace("\"profile\": \"okta\"", "\"profil\": \"okta\"", StringComparison.Ordinal));

        result.Issues.Should().Contain(i => i.Message.Contains("did you mean 'profile'", StringComparison.Ordinal));
    }
}
