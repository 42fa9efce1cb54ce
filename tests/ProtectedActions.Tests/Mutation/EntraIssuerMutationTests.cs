using ProtectedActions.SignIns;

namespace ProtectedActions.Tests.Mutation;

/// <summary>
/// Which issuer strings count as Microsoft Entra (and name a tenant): the classification that decides member,
/// internal guest or external guest. Anything unusual is "not Entra", never an exception.
/// </summary>
public class EntraIssuerMutationTests
{
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    [TestCase("login.microsoftonline.com")]
    [TestCase("sts.windows.net")]
    [TestCase("login.windows.net")]
    [TestCase("login.microsoftonline.us")]
    [TestCase("login.chinacloudapi.cn")]
    [TestCase("sts.chinacloudapi.cn")]
    [TestCase("login.partner.microsoftonline.cn")]
    [TestCase("login.microsoftonline.de")]
    [TestCase("LOGIN.MicrosoftOnline.COM")]
    public void Each_public_and_national_cloud_host_is_an_Entra_issuer_with_its_tenant(string host)
    {
        EntraIssuer.TryGetTenant($"https://{host}/{Tenant}/v2.0", out var tenant).Should().BeTrue();
        tenant.Should().Be(Guid.Parse(Tenant));
    }

    [TestCase("https://evil.example/" + Tenant + "/v2.0")]                           // another host
    [TestCase("https://login.microsoftonline.com.evil.example/" + Tenant + "/")]     // an Entra host as a prefix
    [TestCase("https://microsoftonline.com/" + Tenant + "/")]                        // a suffix of an Entra host
    [TestCase("https://login.microsoftonline.com:443/" + Tenant + "/")]              // a port
    [TestCase("https://user@login.microsoftonline.com/" + Tenant + "/")]             // user info
    [TestCase("http://login.microsoftonline.com/" + Tenant + "/")]                   // not https
    [TestCase("https://login.microsoftonline.com")]                                  // no path at all
    [TestCase("https:///" + Tenant + "/")]                                           // no host
    [TestCase("https://login.microsoftonline.com/common/v2.0")]                      // not a tenant GUID
    [TestCase("https://login.microsoftonline.com//" + Tenant + "/")]                 // empty first segment
    [TestCase("")]
    [TestCase(null)]
    public void Anything_else_is_not_an_Entra_issuer_and_names_no_tenant(string? issuer)
    {
        EntraIssuer.TryGetTenant(issuer, out var tenant).Should().BeFalse();
        tenant.Should().Be(Guid.Empty);
    }

    [TestCase("https://sts.windows.net/" + Tenant)]          // no trailing slash
    [TestCase("https://sts.windows.net/" + Tenant + "?x=1")]
    [TestCase("https://sts.windows.net/" + Tenant + "#f")]
    public void The_tenant_segment_may_end_the_issuer_or_be_followed_by_a_query_or_fragment(string issuer)
    {
        EntraIssuer.TryGetTenant(issuer, out var tenant).Should().BeTrue();
        tenant.Should().Be(Guid.Parse(Tenant));
    }

    [Test]
    public void An_issuer_of_512_characters_is_read_and_a_longer_one_is_not()
    {
        var prefix = $"https://login.microsoftonline.com/{Tenant}/";
        var longest = prefix + new string('v', 512 - prefix.Length);
        longest.Length.Should().Be(512);

        EntraIssuer.TryGetTenant(longest, out var tenant).Should().BeTrue();
        tenant.Should().Be(Guid.Parse(Tenant));
        EntraIssuer.TryGetTenant(longest + "v", out _).Should().BeFalse();
    }
}
