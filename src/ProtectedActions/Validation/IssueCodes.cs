namespace ProtectedActions;

/// <summary>
/// Every issue code that validation, import and the start-up checks report (<see cref="ConfigurationIssue.Code"/>), one
/// constant per code. The values are stable: compare <see cref="ConfigurationIssue.Code"/> with these constants rather than
/// with literals. Ranges: PA1xxx configuration errors, PA2xxx device filters, PA3xxx named locations, PA4xxx tokens and
/// challenges, PA5xxx lints, PA6xxx documents, Graph import and sign-in files. docs/configuration.md lists each with its fix.
/// </summary>
public static class IssueCodes
{
    /// <summary>PA1000 (error): An entry of authenticationContexts, conditionalAccessPolicies or protectedActions is empty (null). Fix: Remove the empty entry or fill it in.</summary>
    public const string EmptyEntry = "PA1000";

    /// <summary>PA1001 (error): An authentication context id is not c1..c99. Fix: Use an id from c1 to c99, as Entra does.</summary>
    public const string InvalidContextId = "PA1001";

    /// <summary>PA1002 (error): An authentication context is defined twice. Fix: Define each context once.</summary>
    public const string DuplicateContext = "PA1002";

    /// <summary>PA1010 (error): A protected action's permission is empty, too long, has invalid characters or is a malformed pattern (only a trailing <c>*</c> is allowed). Fix: Give an exact permission such as <c>orders.delete</c>, or a prefix pattern <c>orders.*</c>.</summary>
    public const string InvalidPermission = "PA1010";

    /// <summary>PA1011 (error): A protected action names an authentication context that is not defined (or is not c1..c99). Fix: Define the context under authenticationContexts, or fix the id.</summary>
    public const string UnknownAssignmentContext = "PA1011";

    /// <summary>PA1012 (error): A permission is assigned more than once (one context per permission). Fix: Keep one assignment per permission.</summary>
    public const string DuplicateAssignment = "PA1012";

    /// <summary>PA1020 (error): A policy's state is not enabled, disabled or enabledForReportingButNotEnforced. Fix: Use one of the three Graph states.</summary>
    public const string UnknownPolicyState = "PA1020";

    /// <summary>PA1022 (error): A policy targets (includeAuthenticationContextClassReferences) an authentication context that is not defined. Fix: Define the context, or fix the reference.</summary>
    public const string UnknownPolicyContext = "PA1022";

    /// <summary>PA1023 (error): A policy does not say which users it includes (conditions.users). Fix: Add conditions.users with includeUsers (for example <c>All</c>).</summary>
    public const string MissingUsersCondition = "PA1023";

    /// <summary>PA1024 (error): <c>None</c> is combined with other users in includeUsers. Fix: Use <c>None</c> alone, or list the users.</summary>
    public const string NoneCombinedWithUsers = "PA1024";

    /// <summary>PA1025 (error): A user, group or role entry is empty, or <c>All</c> is used outside includeUsers. Fix: Remove the empty entry; use <c>All</c> only in includeUsers.</summary>
    public const string InvalidUserOrGroupEntry = "PA1025";

    /// <summary>PA1026 (error): A guestsOrExternalUsers condition has an unknown or missing user type, or an unknown membership kind. Fix: Use the Graph names (internalGuest, b2bCollaborationGuest, …) and membershipKind all or enumerated.</summary>
    public const string InvalidGuestOrExternalUsers = "PA1026";

    /// <summary>PA1027 (error): An unknown device platform, or exclusions without includePlatforms. Fix: Use the Graph platform names; add includePlatforms when you exclude platforms.</summary>
    public const string InvalidPlatform = "PA1027";

    /// <summary>PA1028 (error): A location condition has exclusions without includeLocations, or <c>All</c> outside includeLocations. Fix: Add includeLocations; use <c>All</c> only there.</summary>
    public const string InvalidLocationCondition = "PA1028";

    /// <summary>PA1029 (error): A policy names a location that is not defined under namedLocations. Fix: Define the named location, or fix the id.</summary>
    public const string UnknownNamedLocation = "PA1029";

    /// <summary>PA1030 (error): An unknown client app type. Fix: Use all, browser, mobileAppsAndDesktopClients, exchangeActiveSync, easSupported or other.</summary>
    public const string UnknownClientAppType = "PA1030";

    /// <summary>PA1031 (error): An unknown sign-in or user risk level. Fix: Use the Graph risk levels (low, medium, high, none, hidden).</summary>
    public const string UnknownRiskLevel = "PA1031";

    /// <summary>PA1032 (error): grantControls.operator is neither AND nor OR. Fix: Use AND or OR (absent means AND).</summary>
    public const string UnknownGrantOperator = "PA1032";

    /// <summary>PA1033 (error): Two policies have the same id. Fix: Give each policy its own id.</summary>
    public const string DuplicatePolicyId = "PA1033";

    /// <summary>PA1034 (error): An unknown built-in grant control. Fix: Use block, mfa, compliantDevice, domainJoinedDevice, approvedApplication, compliantApplication, passwordChange or riskRemediation.</summary>
    public const string UnknownBuiltInControl = "PA1034";

    /// <summary>PA1035 (error): A policy names an authentication strength that is neither built in nor defined. Fix: Define the strength under authenticationStrengths, or use a built-in id.</summary>
    public const string UnknownAuthenticationStrength = "PA1035";

    /// <summary>PA1036 (error): <c>mfa</c> is combined with an authentication strength in one policy (Entra refuses it). Fix: Keep one of the two (the built-in multifactor strength replaces mfa).</summary>
    public const string MfaWithAuthenticationStrength = "PA1036";

    /// <summary>PA1037 (error): <c>block</c> is combined with other grant controls. Fix: Use block alone.</summary>
    public const string BlockWithOtherControls = "PA1037";

    /// <summary>PA1038 (error): signInFrequency.frequencyInterval is neither timeBased nor everyTime. Fix: Use timeBased or everyTime.</summary>
    public const string UnknownFrequencyInterval = "PA1038";

    /// <summary>PA1039 (error): A sign-in frequency outside 1-23 hours or 1-365 days. Fix: Use a value Entra accepts.</summary>
    public const string InvalidSignInFrequency = "PA1039";

    /// <summary>PA1040 (error): An authentication strength has no id. Fix: Give it an id.</summary>
    public const string MissingStrengthId = "PA1040";

    /// <summary>PA1041 (error): An allowed combination names an unknown authentication method mode. Fix: Use the Graph authenticationMethodModes names (for example <c>password,microsoftAuthenticatorPush</c>).</summary>
    public const string UnknownMethodModeInCombination = "PA1041";

    /// <summary>PA1042 (error): An authentication strength has no allowed combination. Fix: List at least one allowed combination.</summary>
    public const string StrengthWithoutCombinations = "PA1042";

    /// <summary>PA1043 (information): A configured strength has a built-in id; the built-in is always present and the copy is ignored. Fix: Remove the copy.</summary>
    public const string BuiltInStrengthRedefined = "PA1043";

    /// <summary>PA1044 (error): A strength says policyType builtIn but its id is not a built-in strength id. Fix: Use a custom policyType, or a built-in id.</summary>
    public const string NotABuiltInStrength = "PA1044";

    /// <summary>PA1045 (error): An authentication strength is defined twice. Fix: Define each strength once.</summary>
    public const string DuplicateStrength = "PA1045";

    /// <summary>PA1046 (error): A policy list (users, groups, roles, applications, locations, …) has more entries than accepted. Fix: Split the policy, or use groups.</summary>
    public const string ListTooLong = "PA1046";

    /// <summary>PA1050 (error): A named location (in the settings' list) has no id. Fix: Give it an id.</summary>
    public const string MissingNamedLocationId = "PA1050";

    /// <summary>PA1051 (error): A named location is defined twice. Fix: Define each location once.</summary>
    public const string DuplicateNamedLocation = "PA1051";

    /// <summary>PA1060 (error): settings.clockSkew is outside 0 to 1 hour. Fix: Use a value from 00:00:00 to 01:00:00.</summary>
    public const string InvalidClockSkew = "PA1060";

    /// <summary>PA1061 (error): settings.providerTimeout is not more than 0 and at most 2 minutes. Fix: Use a value above zero, at most 00:02:00.</summary>
    public const string InvalidProviderTimeout = "PA1061";

    /// <summary>PA1062 (error): A settings.trustedIssuers entry is empty. Fix: Remove it or give the issuer.</summary>
    public const string EmptyTrustedIssuer = "PA1062";

    /// <summary>PA1070 (error): The document protects no permission (no protectedActions): an empty, truncated or deleted configuration would unprotect every action. Fix: Add protectedActions, or set settings.allowEmptyConfiguration to true if intended.</summary>
    public const string NothingProtected = "PA1070";

    /// <summary>PA1071 (error): A settings.unprotectedPermissions entry is a pattern or not a valid permission. Fix: List each intentionally unprotected permission exactly.</summary>
    public const string InvalidUnprotectedPermission = "PA1071";

    /// <summary>PA1072 (error): A permission is listed as intentionally unprotected but the configuration maps it to a context. Fix: Remove it from one of the two lists.</summary>
    public const string UnprotectedPermissionIsProtected = "PA1072";

    /// <summary>PA1073 (error): An endpoint (or other declaration) requires a permission the configuration neither protects nor lists as intentionally unprotected (ASP.NET Core start-up and reload check). Fix: Protect the permission, list it in settings.unprotectedPermissions, or fix the misspelt name.</summary>
    public const string DeclaredPermissionNotProtected = "PA1073";

    /// <summary>PA1080 (error): trustAcrsClaim is on but no issuer is trusted, so any issuer the host accepts could satisfy a context with acrs. Fix: Set settings.trustedIssuers or settings.trustedTenantIds, or trustAcrsFromAnyValidatedIssuer: true (single-tenant hosts), or trustAcrsClaim: false.</summary>
    public const string AcrsTrustWithoutIssuers = "PA1080";

    /// <summary>PA1081 (error): A settings.trustedTenantIds entry is not a tenant GUID. Fix: Use the tenant GUID (for example 72f988bf-86f1-41af-91ab-2d7cd011db47).</summary>
    public const string InvalidTrustedTenantId = "PA1081";

    /// <summary>PA1082 (error): A trusted issuer is not an absolute https URI without whitespace (http only on loopback). Fix: Write the issuer exactly as the token's iss claim says it.</summary>
    public const string InvalidTrustedIssuer = "PA1082";

    /// <summary>PA1083 (warning): trustAcrsFromAnyValidatedIssuer has no effect while issuers or tenant ids are listed. Fix: Remove trustAcrsFromAnyValidatedIssuer, or the lists.</summary>
    public const string AnyIssuerIgnored = "PA1083";

    /// <summary>PA1084 (error): A trust list, combination configuration list or restriction list has more entries than accepted. Fix: Shorten the list.</summary>
    public const string TooManyEntries = "PA1084";

    /// <summary>PA1085 (error): An authentication strength's combination configuration is empty, of an unknown kind, or mixes FIDO2 and certificate restrictions. Fix: Set @odata.type to fido2CombinationConfiguration or x509CertificateCombinationConfiguration and only its properties.</summary>
    public const string InvalidCombinationConfiguration = "PA1085";

    /// <summary>PA1086 (error): A combination configuration's appliesToCombinations is missing, names an unknown mode or a combination the strength does not allow. Fix: Name allowed combinations of the same strength.</summary>
    public const string InvalidRestrictedCombinations = "PA1086";

    /// <summary>PA1087 (error): A FIDO2 (or certificate) configuration restricts a combination without fido2 (or x509Certificate…). Fix: Restrict only combinations that include the method it restricts.</summary>
    public const string RestrictionDoesNotFitCombination = "PA1087";

    /// <summary>PA1088 (error): An allowed AAGUID, issuer SKI or policy OID is empty or malformed. Fix: Use GUID AAGUIDs, hex SKIs and dotted OIDs.</summary>
    public const string InvalidRestrictionValue = "PA1088";

    /// <summary>PA1100 (error): An issuers entry has no issuer, or it is not an absolute https URI without whitespace (http only on loopback). Fix: Write the issuer exactly as the token's iss claim says it.</summary>
    public const string InvalidIssuerProfileIssuer = "PA1100";

    /// <summary>PA1101 (error): An issuers entry has no profile or an unknown one. Fix: Use entra, keycloak, okta, auth0, duende, openiddict or generic.</summary>
    public const string UnknownIssuerProfile = "PA1101";

    /// <summary>PA1102 (error): An issuer is listed twice (in issuers, or in issuers with a non-entra profile and in trustedIssuers). Fix: Keep one profile per issuer.</summary>
    public const string DuplicateIssuerProfile = "PA1102";

    /// <summary>PA1103 (warning): An acr mapping names a context that is not defined; the mapping is ignored. Fix: Define the context under authenticationContexts, or fix the id.</summary>
    public const string AcrMappingUnknownContext = "PA1103";

    /// <summary>PA1104 (warning): An acr level list has the same value twice; the later one is ignored. Fix: List each level once, lowest first.</summary>
    public const string DuplicateAcrLevel = "PA1104";

    /// <summary>PA1105 (error): A context's acr value is not one of the issuer's levels, so its place in the order is unknown. Fix: Add the value to acr.levels, or map a listed level.</summary>
    public const string AcrValueNotInLevels = "PA1105";

    /// <summary>PA1106 (error): An acr value or level is empty, longer than 256 characters or not printable ASCII without spaces, quotes or backslashes. Fix: Write the value exactly as the provider issues it.</summary>
    public const string InvalidAcrValue = "PA1106";

    /// <summary>PA1107 (error): An entra profile has an acr mapping; Entra proves contexts with acrs. Fix: Remove acr from the entra profile.</summary>
    public const string AcrMappingOnEntraProfile = "PA1107";

    /// <summary>PA1108 (error): A context in an acr mapping lists no acr value. Fix: List the value(s) that satisfy the context.</summary>
    public const string EmptyAcrMapping = "PA1108";

    /// <summary>PA1109 (warning): A profile other than entra maps no context, so its tokens satisfy no context and every protected action asks its callers to step up. Fix: Add acr.contexts for the contexts this provider can satisfy.</summary>
    public const string IssuerProfileMapsNoContext = "PA1109";

    /// <summary>PA1110 (warning): An issuer's profile says its tokens carry no auth_time, but it maps a context that needs a sign-in frequency, which its tokens can therefore never prove (iat is not used instead). Fix: Make the provider issue auth_time and set authTime to true, or remove the sign-in frequency or the mapping.</summary>
    public const string SignInFrequencyWithoutAuthTime = "PA1110";

    /// <summary>PA1090 (error): An enabled or report-only policy has neither grant nor session controls, so it never applies (grantControls misspelt?). Fix: Add grantControls or sessionControls, or fix the property name.</summary>
    public const string PolicyWithoutControls = "PA1090";

    /// <summary>PA2001 (error): A device filter has no mode. Fix: Set mode to include or exclude.</summary>
    public const string DeviceFilterModeMissing = "PA2001";

    /// <summary>PA2002 (error): A device filter's mode is not include or exclude. Fix: Use include or exclude.</summary>
    public const string DeviceFilterModeInvalid = "PA2002";

    /// <summary>PA2003 (error): A device filter has no rule. Fix: Write the rule (see docs/device-filters.md).</summary>
    public const string DeviceFilterRuleMissing = "PA2003";

    /// <summary>PA2004 (error): A device filter rule does not parse. Fix: Fix the rule at the reported position.</summary>
    public const string DeviceFilterRuleInvalid = "PA2004";

    /// <summary>PA2005 (error): A device filter rule is longer than accepted (Entra: 3072 characters). Fix: Shorten the rule.</summary>
    public const string DeviceFilterRuleTooLong = "PA2005";

    /// <summary>PA2006 (error): A device filter rule uses a property or operator the library does not support. Fix: Use the supported properties and operators (docs/device-filters.md).</summary>
    public const string DeviceFilterRuleUnsupported = "PA2006";

    /// <summary>PA2010 (warning): A device filter rule parses but may not mean what it says (for example a comparison that is always unknown on a token). Fix: Read the warning; rewrite the rule if it is not intended.</summary>
    public const string DeviceFilterRuleWarning = "PA2010";

    /// <summary>PA3001 (error): A named location has no id. Fix: Give it an id.</summary>
    public const string NamedLocationIdMissing = "PA3001";

    /// <summary>PA3002 (error): A named location's @odata.type is not an IP, country or compliant network location. Fix: Use #microsoft.graph.ipNamedLocation or #microsoft.graph.countryNamedLocation.</summary>
    public const string NamedLocationTypeUnknown = "PA3002";

    /// <summary>PA3003 (error): A named location mixes ipRanges and countriesAndRegions, or its content does not fit its type. Fix: Keep the properties of its type only.</summary>
    public const string NamedLocationKindMismatch = "PA3003";

    /// <summary>PA3004 (error): A named location has no ranges or countries. Fix: Add at least one range or country (or includeUnknownCountriesAndRegions: true).</summary>
    public const string NamedLocationEmpty = "PA3004";

    /// <summary>PA3005 (error): An IP range has no cidrAddress. Fix: Give the range in CIDR form.</summary>
    public const string IpRangeMissingAddress = "PA3005";

    /// <summary>PA3006 (error): A cidrAddress is not a valid CIDR range (further invalid ranges are summarised). Fix: Use CIDR notation such as 203.0.113.0/24.</summary>
    public const string IpRangeInvalid = "PA3006";

    /// <summary>PA3007 (error): An IP range is wider than the library accepts (a range that would match a large share of the internet). Fix: Use narrower ranges.</summary>
    public const string IpRangeTooWide = "PA3007";

    /// <summary>PA3008 (error): An IP range's @odata.type is unknown or does not match its address family. Fix: Use iPv4CidrRange or iPv6CidrRange to match the address.</summary>
    public const string IpRangeTypeMismatch = "PA3008";

    /// <summary>PA3009 (warning): A cidrAddress has bits set after the prefix; it is treated as its network. Fix: Write the network address.</summary>
    public const string IpRangeHostBits = "PA3009";

    /// <summary>PA3010 (warning): A location has more ranges than Entra allows per location; it cannot be mirrored in Entra. Fix: Split the location if it must be mirrored.</summary>
    public const string TooManyRangesForEntra = "PA3010";

    /// <summary>PA3011 (error): A countriesAndRegions entry is not an ISO 3166 alpha-2 code, or is listed twice. Fix: Use two-letter codes such as US or DE, once each.</summary>
    public const string InvalidCountryCode = "PA3011";

    /// <summary>PA3012 (warning): countryLookupMethod authenticatorAppGps cannot be evaluated by a resource server; the location is always unknown and policies fail closed. Fix: Use clientIpAddress, or accept notEnoughInformation.</summary>
    public const string GpsLocationNotEvaluable = "PA3012";

    /// <summary>PA3013 (error): A location has more ranges than the library accepts. Fix: Shorten or split the location.</summary>
    public const string TooManyRanges = "PA3013";

    /// <summary>PA3014 (warning): isTrusted on a country location is ignored (only IP locations can be trusted). Fix: Remove isTrusted.</summary>
    public const string CountryLocationTrusted = "PA3014";

    /// <summary>PA3015 (warning): More named locations than Entra allows; the configuration cannot be mirrored in Entra. Fix: Merge locations if it must be mirrored.</summary>
    public const string TooManyLocationsForEntra = "PA3015";

    /// <summary>PA3016 (error): countryLookupMethod is not clientIpAddress or authenticatorAppGps. Fix: Use clientIpAddress.</summary>
    public const string UnknownCountryLookupMethod = "PA3016";

    /// <summary>PA3020 (warning): A Global Secure Access compliant network location cannot be evaluated by a resource server; membership is always unknown (notEnoughInformation; an exclusion never exempts). Fix: Accept that the identity provider decides, or condition on an IP location.</summary>
    public const string CompliantNetworkNotEvaluable = "PA3020";

    /// <summary>PA4001 (error): An amr override names an unknown authentication method mode. Fix: Use the Graph authenticationMethodModes names.</summary>
    public const string UnknownMethodMode = "PA4001";

    /// <summary>PA4002 (error): An amr override's key is not a usable amr value. Fix: Use the amr value as tokens carry it (at most 64 characters).</summary>
    public const string InvalidAmrValue = "PA4002";

    /// <summary>PA4010 (error): challenge authorizationUri is not an absolute https URI (http only on loopback) or carries unsafe characters. Fix: Use the issuer's authorization endpoint over https.</summary>
    public const string InvalidAuthorizationUri = "PA4010";

    /// <summary>PA4011 (error): challenge realm carries characters that cannot be sent in a header, or is too long. Fix: Use a short printable ASCII realm without quotes or backslashes.</summary>
    public const string InvalidRealm = "PA4011";

    /// <summary>PA4012 (error): challenge errorDescription is empty, too long or outside RFC 6750's character set. Fix: Use short printable ASCII text.</summary>
    public const string InvalidErrorDescription = "PA4012";

    /// <summary>PA4013 (error): An acrValues key is not a configured authentication context. Fix: Key acrValues by configured context ids.</summary>
    public const string UnknownAcrValuesContext = "PA4013";

    /// <summary>PA4014 (error): An acrValues value is not a space-separated list of acr values. Fix: Use space-separated acr values.</summary>
    public const string InvalidAcrValues = "PA4014";

    /// <summary>PA5001 (warning): An enabled policy guarding a protected action does not exclude the emergency-access accounts. Fix: Exclude the accounts (excludeUsers / excludeGroups).</summary>
    public const string EmergencyAccessNotExcluded = "PA5001";

    /// <summary>PA5002 (warning): A context protects permissions but no enabled policy that can take effect for users targets it (report-only, disabled and workload-identity-only policies do not count); strict mode denies it. Fix: Enable a policy for the context, or remove the assignment.</summary>
    public const string NoEnforcedPolicy = "PA5002";

    /// <summary>PA5003 (warning): A context with isAvailable: false protects permissions. Fix: Make it available in Entra and here, or remove the assignments.</summary>
    public const string ContextNotAvailable = "PA5003";

    /// <summary>PA5004 (warning): A policy blocks a protected action by identity or group alone. Fix: Use role assignments for that, not protected actions.</summary>
    public const string BlockByIdentityAlone = "PA5004";

    /// <summary>PA5005 (warning): Permissions are protected but managing protected actions is not. Fix: Protect the management permission as well.</summary>
    public const string ManagementNotProtected = "PA5005";

    /// <summary>PA5006 (warning): A policy conditions on risk or authentication-flow data that sign-ins carry only if the host supplies it; without it the policy applies (notEnoughInformation). Fix: Supply the data on the sign-in, or accept that the policy applies.</summary>
    public const string RiskOrFlowWithoutData = "PA5006";

    /// <summary>PA5007 (warning): No emergency-access accounts are configured. Fix: Configure EmergencyAccessAccounts so validation can check the exclusions.</summary>
    public const string NoEmergencyAccessAccounts = "PA5007";

    /// <summary>PA5008 (warning): A policy uses a country location; sign-ins need a country or an ICountryResolver, otherwise it applies (notEnoughInformation). Fix: Register an ICountryResolver, or set the sign-in's country.</summary>
    public const string CountryLocationWithoutCountry = "PA5008";

    /// <summary>PA5009 (warning): A policy uses the MFA trusted IPs location, which a resource server cannot evaluate unless a named location with that id gives its ranges; otherwise the condition is unknown (notEnoughInformation). Fix: Configure a named location with this id and its ranges.</summary>
    public const string MfaTrustedIpsNotEvaluable = "PA5009";

    /// <summary>PA5010 (warning): A disabled policy has neither grant nor session controls; it would never apply if enabled. Fix: Add grantControls or sessionControls, or fix the property name.</summary>
    public const string DisabledPolicyWithoutControls = "PA5010";

    /// <summary>PA5011 (warning): A policy has no grant control and no session control the library evaluates (only sign-in frequency is); it never applies here. Fix: Add a grant control or sign-in frequency, or accept it.</summary>
    public const string NoEvaluatedControls = "PA5011";

    /// <summary>PA5012 (information): A device filter reads device properties a token does not carry. Fix: Register an IDeviceInformationProvider, or set devicesNeverRegistered; otherwise the policy applies with notEnoughInformation.</summary>
    public const string DeviceFilterNeedsDeviceInformation = "PA5012";

    /// <summary>PA6001 (error): A file or folder cannot be read (missing, too large, access denied). Fix: Check the path and its size.</summary>
    public const string Unreadable = "PA6001";

    /// <summary>PA6002 (error): The text is not valid JSON (syntax, encoding, nesting too deep). Fix: Fix the JSON at the reported line.</summary>
    public const string InvalidJson = "PA6002";

    /// <summary>PA6003 (error): A value has the wrong JSON kind. Fix: Use the kind the property takes.</summary>
    public const string WrongJsonKind = "PA6003";

    /// <summary>PA6004 (information): A Graph property the library does not evaluate, or an empty container of the wrong kind; summarised once per name. Fix: None needed; it is ignored.</summary>
    public const string UnevaluatedProperty = "PA6004";

    /// <summary>PA6005 (error): A property appears twice in one object (also when only the case differs). Fix: Keep one.</summary>
    public const string DuplicateProperty = "PA6005";

    /// <summary>PA6006 (error): An array has more than 10,000 entries. Fix: Shorten it.</summary>
    public const string ArrayTooLong = "PA6006";

    /// <summary>PA6007 (error): An array entry is null. Fix: Remove it.</summary>
    public const string NullEntry = "PA6007";

    /// <summary>PA6008 (error): A value of the right kind is not allowed (unknown enum name, malformed time span, out of range). Fix: Use an allowed value.</summary>
    public const string InvalidValue = "PA6008";

    /// <summary>PA6009 (error): The document's root is not a JSON object. Fix: Wrap the document in an object.</summary>
    public const string RootNotObject = "PA6009";

    /// <summary>PA6010 (error): A Graph export object whose kind cannot be told or is not supported; it is rejected. Fix: Export policies, named locations or strengths from Microsoft Graph.</summary>
    public const string UnsupportedGraphObject = "PA6010";

    /// <summary>PA6011 (error): A Graph export file whose root is neither an object, an array nor a list response (warning: a list response with more pages). Fix: Export the full list (follow @odata.nextLink).</summary>
    public const string UnsupportedGraphFile = "PA6011";

    /// <summary>PA6012 (error): More than one configuration document sets settings. Fix: Keep settings in one document.</summary>
    public const string DuplicateSettings = "PA6012";

    /// <summary>PA6013 (error): A folder holds more than 10,000 JSON files, or no usable file. Fix: Point at the right folder.</summary>
    public const string FolderProblem = "PA6013";

    /// <summary>PA6014 (warning): A configuration document with properties but none of the document's keys (a Graph export read as a document?). Fix: Import Graph exports with <c>import</c>, or fix the keys.</summary>
    public const string NotADocument = "PA6014";

    /// <summary>PA6020 (error): A sign-in file property that the sign-in contract does not define. Fix: Use the sign-in file's documented properties.</summary>
    public const string UnknownSignInProperty = "PA6020";

    /// <summary>PA6030 (warning): A property the library does not define in its own sections, or unknown to Graph in a policy, location or strength (a typo such as grantControl), with a did-you-mean. Fix: Fix the property name.</summary>
    public const string UnknownPropertyWarning = "PA6030";

    /// <summary>PA6031 (information): A Conditional Access template was imported as a policy (its state is named). Fix: Review the policy's state before use.</summary>
    public const string TemplateImported = "PA6031";

    /// <summary>PA7001 (error): The configuration store cannot be reached; the last good snapshots stay in force and tenants never loaded are denied. Fix: Restore the database or the connection; health recovers by itself.</summary>
    public const string StoreUnreachable = "PA7001";

    /// <summary>PA7003 (error): ProtectedActions:Store:PollInterval is not more than 0 and at most 1 minute. Fix: Set a positive interval of at most a minute (the default 1 second keeps the 2-second guarantee).</summary>
    public const string StorePollInterval = "PA7003";

    /// <summary>PA7004 (error): ProtectedActions:Store:MaxCachedTenants is not 1 to 1,000,000. Fix: Set the tenant cache bound within the range.</summary>
    public const string StoreMaxCachedTenants = "PA7004";

    /// <summary>PA7005 (error): ProtectedActions:Store:UnconfiguredTenants is not a known value. Fix: Use Deny or UseDefaultConfiguration.</summary>
    public const string StoreUnconfiguredTenants = "PA7005";

    /// <summary>PA7006 (error): A write names a tenant id longer than 128 characters; nothing is stored. Fix: Use the tenant's id (tid).</summary>
    public const string StoreTenantIdTooLong = "PA7006";

    /// <summary>PA7007 (error): ProtectedActions:Store:MaxCachedSnapshotBytes is 0 or negative. Fix: Set a positive number of bytes, or leave it unset for no memory bound.</summary>
    public const string StoreMaxCachedSnapshotBytes = "PA7007";
}
