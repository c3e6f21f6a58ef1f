namespace NanshanBot.Hosting;

/// <summary>
/// Keeps the configuration's secrets (the Telegram token, the webhook secret, the model's key, the WeChat tokens
/// and keys) out of every log line, whoever writes it: each logger provider registered is wrapped, and what it is
/// given (the message, the values of its state, the exception, whose stack is kept) has each secret replaced by
/// <c>&lt;redacted&gt;</c>. Without secrets configured nothing is wrapped.
/// </summary>
public static class SecretRedaction
{
    private static readonly string[] Keys =
        ["Telegram:BotToken", "Telegram:SecretToken", "Llm:ApiKey", "WeChat:Token", "WeChat:EncodingAesKey", "WeCom:Token", "WeCom:EncodingAesKey"];

    /// <summary>Call last: the providers registered so far are the ones wrapped.</summary>
    public static IServiceCollection RedactSecretsInLogs(this IServiceCollection services, IConfiguration configuration)
    {
        var secrets = Secrets(configuration);
        if (secrets.Length == 0)
        {
            return services;
        }

        foreach (var provider in services.Where(d => d.ServiceType == typeof(ILoggerProvider)).ToList())
        {
            services.Remove(provider);
            services.Add(ServiceDescriptor.Singleton<ILoggerProvider>(sp => new RedactingLoggerProvider(Inner(sp, provider), secrets)));
        }

        return services;
    }

    /// <summary>Each secret set, and the secret half of the bot token (after "id:") on its own.</summary>
    private static string[] Secrets(IConfiguration configuration) =>
        Keys.Select(k => configuration[k]).OfType<string>()
            .SelectMany(v => v.Contains(':') ? new[] { v, v[(v.IndexOf(':') + 1)..] } : [v])
            .Where(v => v.Length >= 6).Distinct().OrderByDescending(v => v.Length).ToArray();

    private static ILoggerProvider Inner(IServiceProvider services, ServiceDescriptor descriptor) =>
        (ILoggerProvider)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));

    internal static string Redact(string text, string[] secrets)
    {
        foreach (var secret in secrets)
        {
            text = text.Replace(secret, "<redacted>", StringComparison.Ordinal);
        }

        return text;
    }

    private sealed class RedactingLoggerProvider(ILoggerProvider inner, string[] secrets) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName), secrets);

        public void Dispose() => inner.Dispose();
    }

    private sealed class RedactingLogger(ILogger inner, string[] secrets) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel))
            {
                return;
            }

            var message = formatter(state, exception);
            var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            if (exception is null && !HasSecret(message) && !values.Any(p => p.Value is string text && HasSecret(text)))
            {
                // The common case: nothing to take out, the line goes as it came.
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }

            var redacted = new RedactedState(Redact(message, secrets),
                values.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value is string s ? Redact(s, secrets) : p.Value)).ToList());
            inner.Log(logLevel, eventId, redacted, exception is null ? null : new RedactedException(exception, secrets), static (s, _) => s.Message);
        }

        private bool HasSecret(string text)
        {
            foreach (var secret in secrets)
            {
                if (text.Contains(secret, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>A log line's state with the secrets taken out; structured loggers (JSON) see its values.</summary>
    private sealed class RedactedState(string message, IReadOnlyList<KeyValuePair<string, object?>> values) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public string Message => message;

        public int Count => values.Count;

        public KeyValuePair<string, object?> this[int index] => values[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => message;
    }

    /// <summary>An exception as logs print it (type, message, stack, causes), with the secrets taken out.</summary>
    private sealed class RedactedException(Exception inner, string[] secrets) : Exception(Redact(inner.Message, secrets))
    {
        public override string? StackTrace => inner.StackTrace;

        public override string ToString() => Redact(inner.ToString(), secrets);
    }
}
