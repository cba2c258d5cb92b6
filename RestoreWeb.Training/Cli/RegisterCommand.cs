using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using RestoreWeb.Inference.Packages;

namespace RestoreWeb.Training.Cli;

/// <summary>
/// register: uploads a model package to a RestoreWeb server's registry with an administrator's API token, and
/// prints the validation gate's verdict. Exit code 0: registered and validated; 3: registered but failed the gate;
/// 1: refused or unreachable.
/// </summary>
internal static class RegisterCommand
{
    public const int FailedValidation = 3;

    public static Command Create()
    {
        var package = new Argument<FileInfo>("package") { Description = "The model package (.zip) to register." };
        var server = new Option<string>("--server") { Description = "Base address of the RestoreWeb server, e.g. http://localhost:5080.", Required = true };
        var token = new Option<string?>("--token") { Description = "An administrator's API token (Administration → Users → API tokens); default: $RESTOREWEB_TOKEN." };
        var timeout = new Option<int>("--timeout") { DefaultValueFactory = _ => 600, Description = "Seconds to wait for upload and validation." };
        var command = new Command("register", "Register a model package with a RestoreWeb server (runs its validation gate).") { package, server, token, timeout };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetRequiredValue(package), parse.GetRequiredValue(server),
            parse.GetValue(token) ?? Environment.GetEnvironmentVariable("RESTOREWEB_TOKEN"), parse.GetValue(timeout), parse.InvocationConfiguration, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo package, string address, string? token, int timeoutSeconds, InvocationConfiguration console, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(address.EndsWith('/') ? address : address + "/", UriKind.Absolute, out var server) || server.Scheme is not ("http" or "https"))
        {
            console.Error.WriteLine($"register: --server '{address}' is not an http(s) address such as http://localhost:5080.");
            return 1;
        }
        if (string.IsNullOrWhiteSpace(token))
        {
            console.Error.WriteLine("register: give an administrator's API token with --token or $RESTOREWEB_TOKEN.");
            return 1;
        }
        if (!package.Exists)
        {
            console.Error.WriteLine($"register: {package.FullName} does not exist.");
            return 1;
        }
        try
        {
            // Checked here first: a broken file is named at once instead of after a long upload.
            var manifest = ModelPackage.Open(package.FullName).Manifest;
            console.Error.WriteLine($"Uploading {manifest.Name} {manifest.Version} ({package.Length / 1e6:0.0} MB) to {server}…");
        }
        catch (ModelPackageException e)
        {
            console.Error.WriteLine($"register: {e.Message}");
            return 1;
        }

        using var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(timeoutSeconds) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Trim());
        await using var file = package.OpenRead();
        var bar = new ConsoleProgressBar(console.Error, "upload", !Console.IsErrorRedirected && ReferenceEquals(console.Error, Console.Error));
        using var form = new MultipartFormDataContent();
        var part = new StreamContent(new ProgressReadStream(file, read => bar.Report((double)read / package.Length, "")));
        part.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        form.Add(part, "package", package.Name);
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsync(new Uri("api/admin/models", UriKind.Relative), form, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            console.Error.WriteLine($"register: the server at {server} could not be reached or did not answer in time: {e.Message}");
            return 1;
        }
        using (response)
        {
            string body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
            {
                string detail = TryParse(body)?["detail"]?.GetValue<string>() ?? body;
                string hint = response.StatusCode switch
                {
                    HttpStatusCode.Unauthorized => " (the token is unknown or revoked)",
                    HttpStatusCode.Forbidden => " (the token's account is not an administrator)",
                    _ => "",
                };
                console.Error.WriteLine($"register: the server refused the package: {(int)response.StatusCode}{hint}: {detail}");
                return 1;
            }
            bar.Finish("done");
            var registration = TryParse(body)!;
            var model = registration["model"]!;
            bool already = registration["alreadyRegistered"]?.GetValue<bool>() ?? false;
            console.Output.WriteLine($"{(already ? "Already registered" : "Registered")}: {model["name"]} {model["version"]} (id {model["id"]}), status {model["status"]}.");
            foreach (var check in model["validation"]?["checks"]?.AsArray() ?? [])
            {
                bool passed = check!["passed"]!.GetValue<bool>();
                console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {(passed ? "pass" : "FAIL")} {check["name"]}: {check["detail"]}"));
            }
            return string.Equals(model["status"]?.GetValue<string>(), "Validated", StringComparison.Ordinal) ? 0 : FailedValidation;
        }
    }

    private static JsonNode? TryParse(string body)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>Reports how much of the file the upload has read.</summary>
    private sealed class ProgressReadStream(Stream inner, Action<long> progress) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => inner.CanSeek;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => inner.Position = value; }

        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Counted(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Counted(int read)
        {
            _read += read;
            progress(_read);
            return read;
        }
    }
}
