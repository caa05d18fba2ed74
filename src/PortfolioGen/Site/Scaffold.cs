using System.Globalization;
using System.Reflection;
using System.Text;
using PortfolioGen.Profiles;
using PortfolioGen.Text;

namespace PortfolioGen.Site;

/// <summary>
/// <c>portfoliogen new</c>: a ready repository for a researcher's homepage — a profile, commented settings,
/// an about page, Netlify and GitHub Pages configurations, a tool manifest that pins PortfolioGen — that
/// builds at once.
/// </summary>
public static class Scaffold
{
    /// <summary>The version of PortfolioGen the scaffold pins.</summary>
    public static string Version { get; } = typeof(Scaffold).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.1.0";

    /// <summary>The files of a new site, by path.</summary>
    /// <param name="profileText">The profile to start from, or null for an example.</param>
    /// <param name="profileName">The profile's file name (<c>ada-researcher.txt</c>).</param>
    /// <param name="name">The owner's name (from the profile when one is given).</param>
    public static IReadOnlyDictionary<string, string> Files(string? profileText, string name, out string profileName)
    {
        profileName = Slugs.Slugify(name, "profile") + ".txt";
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [$"seeds/{profileName}"] = profileText ?? ExampleProfile(name),
            ["seeds/FORMAT.md"] = FormatGuide,
            ["content/site.yml"] = SiteYml(name, profileName),
            ["content/about.md"] = About(name),
            ["netlify.toml"] = NetlifyToml,
            [".github/workflows/site.yml"] = Workflow,
            [".config/dotnet-tools.json"] = ToolManifest(),
            // .portfoliogen/ holds what builds keep for the next one (drawn social cards), not the site's sources.
            [".gitignore"] = "_site/\n.portfoliogen/\n",
            ["README.md"] = Readme(name),
        };
        return files;
    }

    /// <summary>An example profile in the format, for someone who has none yet.</summary>
    public static string ExampleProfile(string name)
    {
        var papers = new[]
        {
            ("CL", new DateOnly(2025, 3, 14), true, "An Example Paper Title: Replace Me with Your Own",
                new[] { name, "Ada Lovelace", "Charles Babbage" }, false, "example-lab",
                "Replace this abstract with your paper's. Abstracts may carry light LaTeX: \\textit{emphasis}, ``quotes'', $x^2$ math, and links\\footnote{https://example.org}."),
            ("LG", new DateOnly(2024, 6, 2), false, "A Second Example, from a Year Before",
                new[] { "Grace Hopper", name, "Alan Turing", "Emmy Noether" }, true, null,
                "A list that ends in et al. is truncated; the owner need not be listed first, or at all."),
        };
        var profile = new Profile(name, ArxivCategories.Resolve("CL"), Figures.None, papers.Length,
            [.. papers.Select((p, i) => new Paper("", p.Item4, ArxivCategories.Resolve(p.Item1), p.Item2, p.Item3, [.. p.Item5], p.Item6, p.Item7,
                new RichText(p.Item8, "", ""), 0) { TitleMarkup = new RichText(p.Item4, "", "") })],
            []);
        return ProfileWriter.Write(profile);
    }

    private const string FormatGuide = """
        # The profile format

        A profile is plain text: your name, then optional headline figures, then one entry per paper.

        ```
        Ada Researcher                 your name (the first line)

        CL                             your main arXiv category (optional)
        h-index12                      figures glued to their labels, each optional:
        340citations                     h-index, papers, citations, Novelty %, AI Score

        2 Papers                       how many papers follow (a warning if it disagrees)

        CLMar 14, 2025Code             an entry: CATEGORY + "Mon D, YYYY" + "Code" if it has code
        The Paper's Title              the title

        Ada Researcher, Bo Li et al. · some-lab
                                       authors; " et al." when the list is cut; " · org" optional

        The abstract, up to the next entry. Light LaTeX works: \textit{}, ``quotes'', $x^2$.
        ```

        `portfoliogen parse seeds/<file>.txt` shows what PortfolioGen reads, with every problem and its line.
        The full reference is in PortfolioGen's README.

        """;

    private static string SiteYml(string name, string profileName) => $$"""
        # PortfolioGen settings. Every key is optional; uncomment what you need.
        # PortfolioGen's README, section "Settings", explains each.

        title: {{Yaml(name)}}
        # description: One sentence about your research, for search engines.

        # The URL the site is served from. Netlify and the GitHub Pages workflow pass it on the command
        # line (--base-url); set it here to build locally with canonical and absolute URLs.
        # base_url: https://example.org/

        # language: en
        # theme: default
        profile: seeds/{{profileName}}

        # owner:
        #   aliases: ["A. Researcher"]      # other spellings of your name in author lists
        #   affiliation: Example University
        #   tagline: One line about what you work on
        #   links:
        #     email: you@example.org
        #     homepage: https://example.org/
        #     scholar: AbCdEfGhIjKl          # Google Scholar user id, or the full URL
        #     orcid: 0000-0002-1825-0097
        #     semantic_scholar: 12345678
        #     dblp: https://dblp.org/pid/00/0000.html
        #     arxiv: researcher_a_1
        #     github: your-handle
        #     gitlab: your-handle
        #     huggingface: your-handle
        #     linkedin: your-handle
        #     twitter: your-handle
        #     bluesky: you.bsky.social
        #     mastodon: https://mastodon.social/@you
        #     cv: https://example.org/cv.pdf

        # Papers shown first on the home page, by slug (`portfoliogen parse seeds/{{profileName}}` lists them).
        # featured:
        #   - an-example-paper-title-replace-me-with-your-own

        # Co-authors' homepages, by name:
        # coauthors:
        #   Ada Lovelace: https://example.org/ada/

        # markdown:
        #   raw_html: false                 # keep raw HTML in your Markdown pages

        """;

    private static string About(string name) => $"""
        ---
        title: About
        nav_order: 1
        description: About {name}.
        ---
        Write about yourself and your research here. This page is Markdown: **bold**, [links](/coauthors/),
        lists and math such as $E = mc^2$ all work.

        Add more pages the same way: every `.md` file in `content/` becomes a page, and `nav_order` puts it
        in the navigation. To add links, a venue or notes to a paper, create `content/papers/<slug>.md`.

        """;

    private const string NetlifyToml = """
        # Netlify: installs the .NET 10 SDK when the build image lacks it, restores PortfolioGen (pinned in
        # .config/dotnet-tools.json) and builds with every check on.

        [build]
          publish = "_site"
          command = "(dotnet --list-sdks 2>/dev/null | grep -q '^10\\.' || (curl -fsSL https://dot.net/v1/dotnet-install.sh | bash -s -- --channel 10.0 --install-dir \"$HOME/.dotnet\")) && export PATH=\"$HOME/.dotnet:$HOME/.dotnet/tools:$PATH\" && dotnet tool restore && dotnet tool run portfoliogen build --strict --base-url \"$URL\""

        [build.environment]
          DOTNET_CLI_TELEMETRY_OPTOUT = "1"
          DOTNET_NOLOGO = "1"

        [context.deploy-preview]
          command = "(dotnet --list-sdks 2>/dev/null | grep -q '^10\\.' || (curl -fsSL https://dot.net/v1/dotnet-install.sh | bash -s -- --channel 10.0 --install-dir \"$HOME/.dotnet\")) && export PATH=\"$HOME/.dotnet:$HOME/.dotnet/tools:$PATH\" && dotnet tool restore && dotnet tool run portfoliogen build --strict --base-url \"$DEPLOY_PRIME_URL\""

        [context.branch-deploy]
          command = "(dotnet --list-sdks 2>/dev/null | grep -q '^10\\.' || (curl -fsSL https://dot.net/v1/dotnet-install.sh | bash -s -- --channel 10.0 --install-dir \"$HOME/.dotnet\")) && export PATH=\"$HOME/.dotnet:$HOME/.dotnet/tools:$PATH\" && dotnet tool restore && dotnet tool run portfoliogen build --strict --base-url \"$DEPLOY_PRIME_URL\""

        [[headers]]
          for = "/*"
          [headers.values]
            Content-Security-Policy = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
            X-Content-Type-Options = "nosniff"
            Referrer-Policy = "strict-origin-when-cross-origin"
            Permissions-Policy = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

        [[headers]]
          for = "/assets/*"
          [headers.values]
            Cache-Control = "public, max-age=31536000, immutable"

        [[headers]]
          for = "/*.bib"
          [headers.values]
            Content-Type = "application/x-bibtex; charset=utf-8"

        [[headers]]
          for = "/*.ris"
          [headers.values]
            Content-Type = "application/x-research-info-systems; charset=utf-8"

        [[headers]]
          for = "/*.md"
          [headers.values]
            Content-Type = "text/markdown; charset=utf-8"

        """;

    private const string Workflow = """
        # Build on every push and pull request; on the default branch, deploy to GitHub Pages
        # (Settings > Pages > Source: GitHub Actions).
        name: site

        on:
          push:
          pull_request:
          workflow_dispatch:

        permissions:
          contents: read
          pages: read

        # A newer push cancels an older run of the same branch, but never a deploy of the default branch half-way.
        concurrency:
          group: site-${{ github.ref }}
          cancel-in-progress: ${{ github.ref != format('refs/heads/{0}', github.event.repository.default_branch) }}

        jobs:
          build:
            runs-on: ubuntu-latest
            env:
              DOTNET_CLI_TELEMETRY_OPTOUT: "1"
              DOTNET_NOLOGO: "1"
            steps:
              - uses: actions/checkout@v4

              - uses: actions/setup-dotnet@v4
                with:
                  dotnet-version: "10.0.x"

              # Keyed by a vendored package's bytes too: a replaced .nupkg of the same version is restored anew.
              - name: NuGet cache
                uses: actions/cache@v4
                with:
                  path: ~/.nuget/packages
                  key: nuget-${{ runner.os }}-${{ hashFiles('.config/dotnet-tools.json', 'vendor/*.nupkg') }}

              - run: dotnet tool restore

              # A project site is served under /<repository>/; a user site and a custom domain at the root.
              - name: Pages base URL
                id: pages
                if: github.event_name != 'pull_request'
                continue-on-error: true
                uses: actions/configure-pages@v5

              - name: Base URL
                id: base
                env:
                  PAGES_URL: ${{ steps.pages.outputs.base_url }}
                  OWNER: ${{ github.repository_owner }}
                  REPO: ${{ github.event.repository.name }}
                run: |
                  # GitHub ignores the case of names: AdaLab's user site may be the repository adalab.github.io.
                  owner=$(printf %s "$OWNER" | tr "[:upper:]" "[:lower:]")
                  repo=$(printf %s "$REPO" | tr "[:upper:]" "[:lower:]")
                  if [ -n "$PAGES_URL" ]; then url="$PAGES_URL/";
                  elif [ "$repo" = "$owner.github.io" ]; then url="https://$owner.github.io/";
                  else url="https://$owner.github.io/$REPO/"; fi
                  echo "url=$url" >> "$GITHUB_OUTPUT"

              - name: Build
                run: dotnet tool run portfoliogen build --strict --base-url "${{ steps.base.outputs.url }}"

              - name: Check
                run: dotnet tool run portfoliogen check _site --base-url "${{ steps.base.outputs.url }}"

              - uses: actions/upload-pages-artifact@v3
                with:
                  path: _site

          deploy:
            if: github.event_name == 'push' && github.ref == format('refs/heads/{0}', github.event.repository.default_branch)
            needs: build
            runs-on: ubuntu-latest
            permissions:
              pages: write
              id-token: write
            environment:
              name: github-pages
              url: ${{ steps.deployment.outputs.page_url }}
            steps:
              - id: deployment
                uses: actions/deploy-pages@v4

        """;

    private static string ToolManifest() => $$"""
        {
          "version": 1,
          "isRoot": true,
          "tools": {
            "portfoliogen": {
              "version": "{{Version}}",
              "commands": ["portfoliogen"],
              "rollForward": false
            }
          }
        }

        """;

    private static string Readme(string name) => $"""
        # {name}'s homepage

        Built with [PortfolioGen](https://github.com/portfoliogen/portfoliogen) from `seeds/` (the profile)
        and `content/` (settings, pages, per-paper additions).

        ```sh
        dotnet tool restore                        # once: installs the pinned PortfolioGen
        dotnet tool run portfoliogen serve         # preview at http://127.0.0.1:5080/ with live reload
        dotnet tool run portfoliogen build         # build into _site/
        ```

        Deploy: connect the repository to Netlify (netlify.toml has everything), or enable GitHub Pages with
        "GitHub Actions" as the source (.github/workflows/site.yml builds and deploys on every push).

        ## Until PortfolioGen is on nuget.org

        `dotnet tool restore` (on your machine, on Netlify and in the workflow) installs the PortfolioGen that
        `.config/dotnet-tools.json` pins, {Version}, from the NuGet sources. The `portfoliogen` package is not on
        nuget.org yet, so there the restore fails ("Version {Version} of package portfoliogen is not found") until
        you ship the package with the site:

        1. In a clone of PortfolioGen (the same version), pack it:
           `dotnet pack src/PortfolioGen.Cli -c Release -o artifacts`
        2. Here, put the package in a folder `vendor/`: `mkdir vendor && cp path/to/artifacts/portfoliogen.{Version}.nupkg vendor/`
        3. Beside this README, create `nuget.config`, which makes `vendor/` the only package source:

           ```xml
           <?xml version="1.0" encoding="utf-8"?>
           <configuration>
             <packageSources>
               <clear />
               <add key="vendor" value="vendor" />
             </packageSources>
           </configuration>
           ```
        4. Commit both: `git add vendor nuget.config && git commit -m "PortfolioGen {Version}, vendored"`.

        `dotnet tool restore` then needs nothing but the repository: it works offline, on Netlify and in GitHub
        Actions alike. The package is about 90 MB (it carries the drawing library's native code for every platform):
        GitHub takes it, with a warning for files over 50 MB (Git LFS avoids it). To upgrade, replace the package
        and the version in `.config/dotnet-tools.json` together. Once PortfolioGen is on nuget.org, delete
        `vendor/` and `nuget.config`.

        """;

    private static string Yaml(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>Writes the scaffold into an empty (or missing) folder; returns the files written.</summary>
    public static IReadOnlyList<string> Write(string directory, string? profileText, string name)
    {
        var files = Files(profileText, name, out _);
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(directory, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content.Replace("\r\n", "\n", StringComparison.Ordinal), new UTF8Encoding(false));
        }
        return [.. files.Keys];
    }
}
