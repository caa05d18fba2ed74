namespace PortfolioGen;

/// <summary>
/// The stable diagnostic codes. A code never changes meaning once released; the README lists them.
/// PG00xx profile, PG01xx settings, PG02xx content and front matter, PG03xx themes and templates,
/// PG04xx build and output, PG05xx link checks, PG06xx scholarly metadata and math.
/// </summary>
public static class DiagnosticCodes
{
    public const string MissingOwnerName = "PG0001";
    public const string InvalidDate = "PG0002";
    public const string UnknownCategory = "PG0003";
    public const string PaperCountMismatch = "PG0004";
    public const string UnrecognisedHeaderLine = "PG0005";
    public const string MissingTitle = "PG0006";
    public const string MissingAuthors = "PG0007";
    public const string EmptyAuthorName = "PG0008";
    public const string DuplicateAuthor = "PG0009";
    public const string NoPapers = "PG0010";
    public const string MalformedEntryHeader = "PG0011";
    public const string InvalidFigure = "PG0012";
    public const string DuplicateHeaderValue = "PG0013";
    public const string UnbalancedMath = "PG0014";
    public const string UnknownLatexCommand = "PG0015";
    public const string OwnerNotListed = "PG0016";
    public const string DuplicatePaper = "PG0017";
    public const string UnbalancedBraces = "PG0018";
    public const string FileNotReadable = "PG0019";
    public const string InvalidUtf8 = "PG0020";
    public const string RepeatedAuthorLine = "PG0021";
    public const string ControlCharacter = "PG0022";

    public const string SettingsUnknownKey = "PG0101";
    public const string SettingsWrongType = "PG0102";
    public const string SettingsInvalidValue = "PG0103";
    public const string SettingsSyntax = "PG0104";
    public const string SettingsMissingBaseUrl = "PG0105";

    public const string FrontMatterSyntax = "PG0201";
    public const string FrontMatterUnknownKey = "PG0202";
    public const string FrontMatterWrongType = "PG0203";
    public const string AdditionsWithoutPaper = "PG0204";
    public const string DuplicateOutputPath = "PG0205";
    public const string FeaturedPaperUnknown = "PG0206";
    public const string CoAuthorUnknown = "PG0207";
    public const string TopLevelHeading = "PG0208";
    public const string AdditionsKeysConflict = "PG0209";

    public const string TemplateSyntax = "PG0301";
    public const string TemplateRuntime = "PG0302";
    public const string TemplateNotFound = "PG0303";
    public const string ThemeNotFound = "PG0304";
    public const string ThemeManifest = "PG0305";
    public const string ThemeFileNotReadable = "PG0306";

    public const string OutputRefused = "PG0401";
    public const string OutputWriteFailed = "PG0402";
    public const string ModuleFailed = "PG0403";
    public const string PathOutsideOutput = "PG0404";

    public const string BrokenLink = "PG0501";
    public const string MissingFragment = "PG0502";
    public const string DuplicateId = "PG0503";
    public const string HtmlParseError = "PG0504";
    public const string MissingTitleElement = "PG0505";
    public const string MissingLanguage = "PG0506";
    public const string MalformedXml = "PG0507";

    public const string MathUnsupported = "PG0601";
}
