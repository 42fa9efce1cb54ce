using ProtectedActions.Model;
using ProtectedActions.SignIns;
using ProtectedActions.Validation;

namespace ProtectedActions.Tests.Mutation;

/// <summary>
/// The default amr table value by value (docs/decisions/tokens-and-challenges.md, "amr values"), and the exact
/// errors an amr override gets. The table is built fresh here (<see cref="AmrTable.CreateDefault"/>) so each
/// assertion reads the entries as the code lists them, not a copy built once per process.
/// </summary>
public class AmrTableMappingTests
{
    private const AuthenticationMethodModes None = AuthenticationMethodModes.None;

    // amr value, modes it proves on its own, part it plays in the derived rules: the documented default table.
    private static readonly (string Amr, AuthenticationMethodModes Modes, AmrFactors Factors)[] Documented =
    [
        ("pwd", AuthenticationMethodModes.Password, AmrFactors.None),
        ("fido", AuthenticationMethodModes.Fido2, AmrFactors.None),
        ("sms", AuthenticationMethodModes.Sms, AmrFactors.None),
        ("tel", AuthenticationMethodModes.Voice, AmrFactors.None),
        ("otp", AuthenticationMethodModes.Email, AmrFactors.None),
        ("fed", AuthenticationMethodModes.FederatedSingleFactor, AmrFactors.None),
        ("sc", AuthenticationMethodModes.X509CertificateSingleFactor, AmrFactors.SmartCard),
        ("mfa", AuthenticationMethodModes.UnspecifiedSecondFactor, AmrFactors.None),
        ("ngcmfa", AuthenticationMethodModes.UnspecifiedSecondFactor, AmrFactors.None),
        ("hwk", None, AmrFactors.HardwareKey),
        ("pin", None, AmrFactors.UserVerification),
        ("fpt", None, AmrFactors.UserVerification),
        ("face", None, AmrFactors.UserVerification),
        ("iris", None, AmrFactors.UserVerification),
        ("retina", None, AmrFactors.UserVerification),
        ("vbm", None, AmrFactors.UserVerification),
        ("user", None, AmrFactors.None),
        ("swk", None, AmrFactors.None),
        ("rsa", None, AmrFactors.None),
        ("pop", None, AmrFactors.None),
        ("wia", None, AmrFactors.None),
        ("wiaormfa", None, AmrFactors.None),
        ("kba", None, AmrFactors.None),
        ("mca", None, AmrFactors.None),
        ("geo", None, AmrFactors.None),
        ("rba", None, AmrFactors.None),
    ];

    private static IEnumerable<string> DocumentedValues() => Documented.Select(r => r.Amr);

    [TestCaseSource(nameof(DocumentedValues))]
    public void Each_documented_amr_value_is_a_default_entry_with_its_modes_and_part(string amr)
    {
        var row = Documented.Single(r => r.Amr == amr);
        var entries = AmrTable.CreateDefault().Entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

        entries.Should().ContainKey(amr);
        entries[amr].Should().Be(new AmrEntry(row.Modes, row.Factors));
    }

    [TestCaseSource(nameof(DocumentedValues))]
    public void Each_amr_value_alone_proves_exactly_its_own_modes(string amr)
    {
        var row = Documented.Single(r => r.Amr == amr);

        AmrTable.CreateDefault().Map([amr]).Should().Be(row.Modes);
    }

    [Test]
    public void The_default_table_knows_exactly_the_documented_values_and_is_what_Default_holds()
    {
        var fresh = AmrTable.CreateDefault().Entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

        fresh.Keys.Should().BeEquivalentTo(Documented.Select(r => r.Amr));
        AmrTable.Default.Entries.Should().BeEquivalentTo(fresh);
    }

    [TestCase("pin")]
    [TestCase("fpt")]
    [TestCase("face")]
    [TestCase("iris")]
    [TestCase("retina")]
    [TestCase("vbm")]
    public void A_hardware_key_with_each_user_verification_value_proves_fido2(string verification)
    {
        var table = AmrTable.CreateDefault();

        table.Map(["hwk", verification]).Should().Be(AuthenticationMethodModes.Fido2);
        table.Map(["sc", verification]).Should().Be(
            AuthenticationMethodModes.X509CertificateSingleFactor | AuthenticationMethodModes.X509CertificateMultiFactor);
    }

    [Test]
    public void A_smart_card_sign_in_keeps_multifactor_when_another_value_already_proves_it()
    {
        var table = AmrTable.Create(new() { ["cardmfa"] = "x509CertificateMultiFactor" }, "p", new IssueCollector());

        table.Map(["cardmfa", "sc", "pin"]).Should().Be(
            AuthenticationMethodModes.X509CertificateSingleFactor | AuthenticationMethodModes.X509CertificateMultiFactor);
    }

    [Test]
    public void A_provider_preset_without_amr_meanings_shares_the_table_it_starts_from()
    {
        var table = AmrTable.Default;

        table.With([]).Should().BeSameAs(table);
    }

    [Test]
    public void Creating_from_a_missing_base_table_or_without_an_issue_collector_is_a_programmer_error()
    {
        ((Action)(() => AmrTable.Create(null!, null, "p", new IssueCollector()))).Should().Throw<ArgumentNullException>().WithParameterName("baseTable");
        ((Action)(() => AmrTable.Create(AmrTable.Default, null, "p", null!))).Should().Throw<ArgumentNullException>().WithParameterName("issues");
    }

    [Test]
    public void An_unusable_key_is_reported_once_at_the_mapping_path_and_is_not_mapped()
    {
        var issues = new IssueCollector();
        var table = AmrTable.Create(new() { ["p w d"] = "password" }, "ProtectedActions:Settings:amrMappings", issues);

        var issue = issues.Issues.Should().ContainSingle().Subject;
        issue.Code.Should().Be(AmrTable.InvalidAmrValueCode);
        issue.Path.Should().Be("ProtectedActions:Settings:amrMappings");
        issue.Message.Should().Be(
            "An amr mapping key must be 1 to 64 printable ASCII characters without spaces (amr values are case-sensitive, e.g. \"pwd\").");
        table.Map(["p w d"]).Should().Be(AuthenticationMethodModes.None);
    }

    [Test]
    public void A_key_of_exactly_the_maximum_length_is_usable_and_one_more_character_is_not()
    {
        var longest = new string('k', AmrTable.MaxAmrValueLength);
        var issues = new IssueCollector();
        var table = AmrTable.Create(new() { [longest] = "password" }, "p", issues);

        issues.Issues.Should().BeEmpty();
        table.Map([longest]).Should().Be(AuthenticationMethodModes.Password);

        var tooLong = new IssueCollector();
        _ = AmrTable.Create(new() { [longest + "k"] = "password" }, "p", tooLong);
        tooLong.Issues.Should().ContainSingle().Which.Code.Should().Be(AmrTable.InvalidAmrValueCode);
    }

    [TestCase("!")]
    [TestCase("~")]
    [TestCase("a~b")]
    public void Keys_at_the_ends_of_printable_ascii_are_usable(string key)
    {
        var issues = new IssueCollector();
        var table = AmrTable.Create(new() { [key] = "sms" }, "p", issues);

        issues.Issues.Should().BeEmpty();
        table.Map([key]).Should().Be(AuthenticationMethodModes.Sms);
    }

    [TestCase("\u007f")]
    [TestCase("tab\tkey")]
    public void Keys_with_delete_or_control_characters_are_unusable(string key)
    {
        var issues = new IssueCollector();
        _ = AmrTable.Create(new() { [key] = "sms" }, "p", issues);

        issues.Issues.Should().ContainSingle().Which.Code.Should().Be(AmrTable.InvalidAmrValueCode);
    }

    private static string UnknownModeMessage(string shown) =>
        $"'{shown}' is not an authentication method mode. Use comma-joined Graph names ("
        + string.Join(", ", AuthenticationStrengthCatalog.ModeNames.Keys)
        + "), or \"\" for a value that proves nothing.";

    [TestCase("fido2,yubikey", "yubikey")]
    [TestCase("password,", "")]                       // an empty name between commas
    [TestCase("pass word", "pass word")]              // inner blank shown as it is
    [TestCase("mode~x", "mode~x")]                    // '~' is printable
    [TestCase("bad\u0001mode\u007f", "bad?mode?")]    // control and delete characters are masked
    public void An_unknown_mode_is_named_printably_in_the_error(string modes, string shown)
    {
        var issues = new IssueCollector();
        _ = AmrTable.Create(new() { ["hwk"] = modes }, "ProtectedActions:Settings:amrMappings", issues);

        var issue = issues.Issues.Should().ContainSingle().Subject;
        issue.Code.Should().Be(AmrTable.UnknownMethodModeCode);
        issue.Path.Should().Be("ProtectedActions:Settings:amrMappings:hwk");
        issue.Message.Should().Be(UnknownModeMessage(shown));
    }

    [Test]
    public void A_long_unknown_mode_is_cut_to_its_first_64_characters_in_the_error()
    {
        var name = new string('m', 64) + "TAIL";
        var issues = new IssueCollector();
        _ = AmrTable.Create(new() { ["hwk"] = name }, "p", issues);

        issues.Issues.Should().ContainSingle().Which.Message.Should().Be(UnknownModeMessage(new string('m', 64)));
    }

    [Test]
    public void The_mode_list_in_the_error_separates_names_with_a_comma_and_a_space()
    {
        var issues = new IssueCollector();
        _ = AmrTable.Create(new() { ["hwk"] = "nope" }, "p", issues);

        issues.Issues.Should().ContainSingle().Which.Message.Should().Contain("(password, voice, hardwareOath, softwareOath,");
    }
}
