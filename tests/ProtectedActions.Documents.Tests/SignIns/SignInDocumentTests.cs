using System.Net;
using System.Text;
using System.Text.Json;

namespace ProtectedActions.Documents.Tests.SignIns;

public class SignInDocumentTests
{
    [Test]
    public void Every_contract_field_is_read()
    {
        var result = SignInDocument.Parse("""
            {
              "userId": "u1", "tenantId": "t1", "groupIds": [ "g1", "g2" ], "roleIds": [ "r1" ], "userType": "guest",
              "guestOrExternalUserTypes": "b2bCollaborationGuest,serviceProvider",
              "amr": [ "pwd", "mfa" ], "authenticationMethods": [ "password", "microsoftAuthenticatorPush" ],
              "authenticationTime": "2026-03-02T09:30:00+01:00", "acrs": [ "c1", "c2" ], "xms_cc": [ "cp1" ],
              "acr": "1", "issuer": "https://login.microsoftonline.com/t1/v2.0", "ipAddress": "2001:db8::1", "country": "de",
              "devicePlatform": "iOS", "clientAppType": "mobileAppsAndDesktopClients",
              "device": { "deviceId": "d1", "isCompliant": true, "trustType": "AzureAD", "physicalIds": [ "[ZTDID]:x" ], "extensionAttribute15": "tier0" },
              "signInRiskLevel": "medium", "userRiskLevel": "none", "now": "2026-03-02T10:00:00Z"
            }
            """, "s.json");

        result.HasErrors.Should().BeFalse(string.Join("\n", result.Issues));
        var s = result.SignIn!;
        s.UserId.Should().Be("u1");
        s.TenantId.Should().Be("t1");
        s.GroupIds.Should().Equal("g1", "g2");
        s.RoleIds.Should().Equal("r1");
        s.UserType.Should().Be(UserType.Guest);
        s.GuestOrExternalUserTypes.Should().Be(GuestOrExternalUserTypes.B2bCollaborationGuest | GuestOrExternalUserTypes.ServiceProvider);
        s.AuthenticationMethodReferences.Should().Equal("pwd", "mfa");
        s.AuthenticationMethods.Should().Be(AuthenticationMethodModes.Password | AuthenticationMethodModes.MicrosoftAuthenticatorPush);
        s.AuthenticationTime.Should().Be(new DateTimeOffset(2026, 3, 2, 8, 30, 0, TimeSpan.Zero));
        s.SatisfiedContexts.Should().Equal("c1", "c2");
        s.ClientCapabilities.Should().Equal("cp1");
        s.Acr.Should().Be("1");
        s.Issuer.Should().Be("https://login.microsoftonline.com/t1/v2.0");
        s.IpAddress.Should().Be(IPAddress.Parse("2001:db8::1"));
        s.Country.Should().Be("DE");
        s.DevicePlatform.Should().Be(DevicePlatform.IOS);
        s.ClientAppType.Should().Be(ClientAppType.MobileAppsAndDesktopClients);
        s.Device!.DeviceId.Should().Be("d1");
        s.Device.IsCompliant.Should().BeTrue();
        s.Device.TrustType.Should().Be("AzureAD");
        s.Device.PhysicalIds.Should().Equal("[ZTDID]:x");
        s.Device.ExtensionAttribute15.Should().Be("tier0");
        s.SignInRiskLevel.Should().Be(RiskLevel.Medium);
        s.UserRiskLevel.Should().Be(RiskLevel.None);
        result.Now.Should().Be(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
    }

    [Test]
    public void An_empty_sign_in_knows_nothing()
    {
        var result = SignInDocument.Parse("{}");

        result.HasErrors.Should().BeFalse();
        result.Now.Should().BeNull("the CLI then uses the current time");
        result.SignIn!.UserId.Should().BeNull();
        result.SignIn.GroupIds.Should().BeNull("unknown groups are not the same as no groups");
        result.SignIn.AuthenticationMethods.Should().BeNull();
    }

    [Test]
    public void Epoch_seconds_are_accepted_for_instants()
    {
        var result = SignInDocument.Parse("""{ "authenticationTime": 1772445000, "now": 1772445600 }""");

        result.SignIn!.AuthenticationTime.Should().Be(new DateTimeOffset(2026, 3, 2, 9, 50, 0, TimeSpan.Zero));
        result.Now.Should().Be(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
    }

    [Test]
    public void Single_strings_are_accepted_for_amr_acrs_and_xms_cc()
    {
        var result = SignInDocument.Parse("""{ "amr": "pwd", "acrs": "c1", "xms_cc": "cp1", "authenticationMethods": "password, fido2" }""");

        result.SignIn!.AuthenticationMethodReferences.Should().Equal("pwd");
        result.SignIn.SatisfiedContexts.Should().Equal("c1");
        result.SignIn.ClientCapabilities.Should().Equal("cp1");
        result.SignIn.AuthenticationMethods.Should().Be(AuthenticationMethodModes.Password | AuthenticationMethodModes.Fido2);
    }

    [Test]
    public void Names_are_case_insensitive_and_null_is_absent()
    {
        var result = SignInDocument.Parse("""{ "UserId": "u", "USERTYPE": "Member", "devicePlatform": "MACOS", "country": null, "device": null }""");

        result.HasErrors.Should().BeFalse();
        result.SignIn!.UserType.Should().Be(UserType.Member);
        result.SignIn.DevicePlatform.Should().Be(DevicePlatform.MacOS);
        result.SignIn.Country.Should().BeNull();
        result.SignIn.Device.Should().BeNull();
    }

    [TestCase("""{ "amrs": [ "pwd" ] }""", "$.amrs", "PA6020", "not a sign-in property")]
    [TestCase("""{ "userType": "admin" }""", "$.userType", "PA6008", "not one of: member, guest")]
    [TestCase("""{ "authenticationTime": "2026-03-02T10:00:00" }""", "$.authenticationTime", "PA6008", "with a time zone")]
    [TestCase("""{ "authenticationTime": "yesterday" }""", "$.authenticationTime", "PA6008", "ISO 8601")]
    [TestCase("""{ "authenticationTime": -5 }""", "$.authenticationTime", "PA6008", "epoch seconds")]
    [TestCase("""{ "authenticationTime": 1.5 }""", "$.authenticationTime", "PA6008", "epoch seconds")]
    [TestCase("""{ "now": true }""", "$.now", "PA6003", "expected a string")]
    [TestCase("""{ "ipAddress": "1" }""", "$.ipAddress", "PA6008", "IPv4 or IPv6")]
    [TestCase("""{ "ipAddress": "300.1.1.1" }""", "$.ipAddress", "PA6008", "IPv4 or IPv6")]
    [TestCase("""{ "country": "Germany" }""", "$.country", "PA6008", "alpha-2")]
    [TestCase("""{ "authenticationMethods": [ "retina" ] }""", "$.authenticationMethods", "PA6008", "'retina' is not a known authentication method mode")]
    [TestCase("""{ "authenticationMethods": [ "1" ] }""", "$.authenticationMethods", "PA6008", "not a known")]
    [TestCase("""{ "guestOrExternalUserTypes": "none" }""", "$.guestOrExternalUserTypes", "PA6008", "not a known")]
    [TestCase("""{ "groupIds": "g1" }""", "$.groupIds", "PA6003", "expected an array of strings")]
    [TestCase("""{ "groupIds": [ "g1", 2 ] }""", "$.groupIds[1]", "PA6003", "expected a string")]
    [TestCase("""{ "device": { "isCompliant": "yes" } }""", "$.device.isCompliant", "PA6003", "true or false")]
    [TestCase("""{ "device": { "colour": "red" } }""", "$.device.colour", "PA6020", "not a device property")]
    [TestCase("""{ "device": [] }""", "$.device", "PA6003", "expected an object")]
    [TestCase("""{ "userId": "a", "userid": "b" }""", "$.userid", "PA6005", "more than once")]
    [TestCase("""[]""", "$", "PA6009", "must be a JSON object")]
    public void Bad_fields_are_errors_naming_file_and_path(string json, string path, string code, string message)
    {
        var result = SignInDocument.Parse(json, "signin.json");

        result.HasErrors.Should().BeTrue();
        result.SignIn.Should().BeNull("a sign-in with a field that could not be read is not evaluated");
        result.Issues.Should().Contain(i => i.Path == "signin.json#" + path && i.Code == code && i.Message.Contains(message, StringComparison.Ordinal),
            string.Join("\n", result.Issues));
    }

    [Test]
    public void Errors_carry_line_and_position()
    {
        var result = SignInDocument.Parse("{\n  \"userId\": \"u\",\n  \"userType\": \"admin\"\n}", "s.json");

        result.Issues.Single().Message.Should().EndWith("(line 3, position 3).");
    }

    [Test]
    public void Strings_longer_than_4096_are_refused()
    {
        var result = SignInDocument.Parse("{ \"userId\": \"" + new string('a', 4097) + "\" }");

        result.Issues.Single().Code.Should().Be("PA6008");
    }

    [Test]
    public void Files_larger_than_1_MiB_are_refused()
    {
        using var temp = new TempFolder();
        var file = temp.Write("big.json", "{ \"description\": \"" + new string('x', 1024 * 1024) + "\" }");

        var result = SignInDocument.LoadFile(file);

        result.Issues.Single().Code.Should().Be("PA6001");
        result.Issues.Single().Path.Should().Be(file + "#$");
    }

    [Test]
    public void Utf16_files_with_a_byte_order_mark_are_read()
    {
        using var temp = new TempFolder();
        var file = temp.WriteBytes("s.json", [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes("""{ "userId": "ü" }""")]);

        SignInDocument.LoadFile(file).SignIn!.UserId.Should().Be("ü");
    }

    [Test]
    public void An_embedded_sign_in_reports_paths_inside_its_file()
    {
        using var doc = JsonDocument.Parse("""{ "signin": { "userType": "robot" } }""");

        var result = SignInDocument.Read(doc.RootElement.GetProperty("signin"), "tests.json", "$[3].signin");

        result.Issues.Single().Path.Should().Be("tests.json#$[3].signin.userType");
    }
}
