using ProtectedActions.Model;
using ProtectedActions.SignIns;
using ProtectedActions.Validation;

namespace ProtectedActions.Tests.SignIns;

public class AmrTableTests
{
    private static readonly CompiledStrength Mfa = AuthenticationStrengthCatalog.Multifactor;
    private static readonly CompiledStrength Passwordless = AuthenticationStrengthCatalog.Passwordless;
    private static readonly CompiledStrength PhishingResistant = AuthenticationStrengthCatalog.PhishingResistant;

    // The "mfa" grant control is satisfied by the built-in multifactor strength (the evaluator's rule).
    private static bool SatisfiesMfaControl(AuthenticationMethodModes modes) => Mfa.IsSatisfiedBy(modes);

    private static AuthenticationMethodModes Map(params string[] amr) => AmrTable.Default.Map(amr);

    [Test]
    public void Password_only_satisfies_neither_the_mfa_control_nor_any_built_in_strength()
    {
        var modes = Map("pwd");
        modes.Should().Be(AuthenticationMethodModes.Password);
        SatisfiesMfaControl(modes).Should().BeFalse();
        AuthenticationStrengthCatalog.BuiltIns.Should().OnlyContain(s => !s.IsSatisfiedBy(modes));
    }

    [Test]
    public void Password_plus_mfa_satisfies_the_mfa_control_and_strength_but_not_passwordless_or_phishing_resistant()
    {
        var modes = Map("pwd", "mfa");
        SatisfiesMfaControl(modes).Should().BeTrue();
        Mfa.IsSatisfiedBy(modes).Should().BeTrue();
        Passwordless.IsSatisfiedBy(modes).Should().BeFalse();
        PhishingResistant.IsSatisfiedBy(modes).Should().BeFalse();
    }

    [TestCase("fido", "mfa")]        // Entra: FIDO2 security key or passkey
    [TestCase("fido")]
    [TestCase("hwk", "pin")]         // RFC 8176: hardware key unlocked with a PIN
    [TestCase("hwk", "fpt")]         // ... or a fingerprint
    [TestCase("hwk", "face", "mfa")]
    [TestCase("sc", "pin")]          // RFC 8176: smart card with PIN → x509CertificateMultiFactor
    public void A_phishing_resistant_sign_in_satisfies_all_three_built_in_strengths(params string[] amr)
    {
        var modes = Map(amr);
        SatisfiesMfaControl(modes).Should().BeTrue();
        Mfa.IsSatisfiedBy(modes).Should().BeTrue();
        Passwordless.IsSatisfiedBy(modes).Should().BeTrue();
        PhishingResistant.IsSatisfiedBy(modes).Should().BeTrue();
    }

    [TestCase("hwk")]                // possession only
    [TestCase("hwk", "user")]        // RFC 8176 "user" is a presence test, not user verification
    [TestCase("pin")]
    [TestCase("fpt", "face")]
    [TestCase("swk", "pin")]         // software key: could be anything
    [TestCase("rsa")]                // Entra: ambiguous RSA key proof
    [TestCase("wia")]
    [TestCase("wiaormfa")]
    [TestCase("kba", "geo", "rba", "mca", "pop")]
    [TestCase("unknown-value")]
    [TestCase("PWD")]                // amr values are case-sensitive
    public void Values_that_do_not_prove_a_method_satisfy_no_built_in_strength(params string[] amr)
    {
        var modes = Map(amr);
        AuthenticationStrengthCatalog.BuiltIns.Should().OnlyContain(s => !s.IsSatisfiedBy(modes));
    }

    [TestCase("hwk,user,mfa")]
    [TestCase("rsa,mfa")]        // Entra Windows Hello for Business: MFA, not proven passwordless
    [TestCase("pwd,hwk,mfa")]    // password plus a security key as second factor
    [TestCase("ngcmfa")]
    public void Mfa_without_a_named_strong_method_satisfies_only_the_multifactor_strength(string amr)
    {
        var modes = Map(amr.Split(','));
        Mfa.IsSatisfiedBy(modes).Should().BeTrue();
        Passwordless.IsSatisfiedBy(modes).Should().BeFalse();
        PhishingResistant.IsSatisfiedBy(modes).Should().BeFalse();
    }

    [TestCase(new[] { "pwd", "sms" }, true)]
    [TestCase(new[] { "pwd", "tel" }, true)]
    [TestCase(new[] { "pwd", "otp" }, false)]  // otp may be an e-mailed code: weakest reading
    [TestCase(new[] { "pwd", "sc" }, true)]    // password + certificate
    [TestCase(new[] { "fed", "sms" }, true)]
    [TestCase(new[] { "fed" }, false)]
    [TestCase(new[] { "sms" }, false)]
    public void Named_second_factors_combine_as_graph_combinations(string[] amr, bool multifactor) =>
        Mfa.IsSatisfiedBy(Map(amr)).Should().Be(multifactor);

    [Test]
    public void Null_empty_and_null_entries_prove_nothing()
    {
        AmrTable.Default.Map(null).Should().Be(AuthenticationMethodModes.None);
        AmrTable.Default.Map([]).Should().Be(AuthenticationMethodModes.None);
        AmrTable.Default.Map(new string[] { null!, "pwd" }).Should().Be(AuthenticationMethodModes.Password);
    }

    [Test]
    public void Order_and_duplicates_do_not_matter()
    {
        Map("pin", "hwk").Should().Be(Map("hwk", "pin"));
        Map("pwd", "pwd", "mfa", "mfa").Should().Be(Map("mfa", "pwd"));
    }

    [Test]
    public void Map_does_not_allocate_after_warm_up()
    {
        IReadOnlyList<string> amr = new List<string> { "pwd", "hwk", "pin", "mfa", "unknown" };
        _ = AmrTable.Default.Map(amr);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            _ = AmrTable.Default.Map(amr);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
    }

    [Test]
    public void An_override_replaces_a_value_and_leaves_the_rest_of_the_default_table()
    {
        var issues = new IssueCollector();
        var table = AmrTable.Create(new() { ["rsa"] = "windowsHelloForBusiness", ["otp"] = "softwareOath" }, "ProtectedActions:Settings:amrMappings", issues);

        issues.Issues.Should().BeEmpty();
        PhishingResistant.IsSatisfiedBy(table.Map(["rsa", "mfa"])).Should().BeTrue();
        Mfa.IsSatisfiedBy(table.Map(["pwd", "otp"])).Should().BeTrue();
        table.Map(["pwd"]).Should().Be(AuthenticationMethodModes.Password);
    }

    [Test]
    public void An_empty_override_makes_a_value_prove_nothing_including_its_part_in_derived_rules()
    {
        var issues = new IssueCollector();
        var table = AmrTable.Create(new() { ["fido"] = "", ["pin"] = "" }, "p", issues);

        issues.Issues.Should().BeEmpty();
        table.Map(["fido"]).Should().Be(AuthenticationMethodModes.None);
        table.Map(["hwk", "pin"]).Should().Be(AuthenticationMethodModes.None);
        table.Map(["hwk", "fpt"]).Should().Be(AuthenticationMethodModes.Fido2);
    }

    [Test]
    public void An_override_may_combine_several_modes()
    {
        var table = AmrTable.Create(new() { ["custom"] = "password, sms" }, "p", new IssueCollector());
        table.Map(["custom"]).Should().Be(AuthenticationMethodModes.Password | AuthenticationMethodModes.Sms);
    }

    [Test]
    public void An_unknown_method_mode_is_an_error_at_the_amr_value_path()
    {
        var issues = new IssueCollector();
        var table = AmrTable.Create(new() { ["hwk"] = "fido2,yubikey" }, "ProtectedActions:Settings:amrMappings", issues);

        issues.HasErrors.Should().BeTrue();
        issues.Issues.Should().ContainSingle().Which.Should().Match<ConfigurationIssue>(i =>
            i.Code == AmrTable.UnknownMethodModeCode && i.Path == "ProtectedActions:Settings:amrMappings:hwk" && i.Message.Contains("yubikey"));
        table.Map(["hwk"]).Should().Be(AuthenticationMethodModes.None, "the override in error is not applied");
    }

    [TestCase("")]
    [TestCase("has space")]
    [TestCase("line\nbreak")]
    [TestCase("ünïcode")]
    public void An_unusable_amr_value_key_is_an_error(string key)
    {
        var issues = new IssueCollector();
        _ = AmrTable.Create(new() { [key] = "fido2" }, "p", issues);
        issues.Issues.Should().ContainSingle().Which.Code.Should().Be(AmrTable.InvalidAmrValueCode);
    }

    [Test]
    public void No_overrides_give_the_default_table()
    {
        AmrTable.Create(null, "p", new IssueCollector()).Should().BeSameAs(AmrTable.Default);
        AmrTable.Create([], "p", new IssueCollector()).Should().BeSameAs(AmrTable.Default);
    }

    // Property-style: adding values never removes a mode (the table is monotone), for random amr lists.
    [Test]
    public void Adding_amr_values_never_removes_modes([Values(1, 2, 3, 4, 5)] int seed)
    {
        var values = AmrTable.Default.Entries.Select(e => e.Key).Append("zzz").ToArray();
        var random = new Random(seed);
        for (var i = 0; i < 200; i++)
        {
            var amr = Enumerable.Range(0, random.Next(0, 6)).Select(_ => values[random.Next(values.Length)]).ToList();
            var extra = values[random.Next(values.Length)];
            var before = AmrTable.Default.Map(amr);
            var after = AmrTable.Default.Map([.. amr, extra]);
            (after & before).Should().Be(before);
        }
    }

    [Test]
    public void The_documented_default_table_matches_the_code()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "decisions", "tokens-and-challenges.md"));
        foreach (var (amr, entry) in AmrTable.Default.Entries)
        {
            var names = AuthenticationStrengthCatalog.ModeNames
                .Where(m => (entry.Modes & m.Value) != 0).Select(m => m.Key).Order(StringComparer.Ordinal).ToList();
            if ((entry.Modes & AuthenticationMethodModes.UnspecifiedSecondFactor) != 0)
            {
                names.Add("(unspecified second factor)");
            }

            var modes = names.Count == 0 ? "—" : string.Join(", ", names.Select(n => n.StartsWith('(') ? n : $"`{n}`"));
            doc.Should().Contain($"| `{amr}` | {modes} |", $"the row for {amr} must state its modes");
        }
    }
}
