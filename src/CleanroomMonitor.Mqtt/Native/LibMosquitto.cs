using System.Runtime.InteropServices;

namespace CleanroomMonitor.Mqtt.Native;

/// <summary>
/// The libmosquitto 2.0.11 functions the client uses (Debian <c>libmosquitto1</c>; prototypes from
/// /usr/include/mosquitto.h). Rules from docs/instruments.md §6: a returned <c>const char*</c> is <see cref="nint"/>
/// (a <c>string</c> return would make the generated stub free library-owned memory), C <c>bool</c> is
/// marshalled as U1, and calls that report failures through errno set <c>SetLastError</c>.
/// </summary>
internal static unsafe partial class LibMosquitto
{
    private const string Library = "libmosquitto.so.1";

    public const int ProtocolVersionOption = 1;      // MOSQ_OPT_PROTOCOL_VERSION
    public const int ReceiveMaximumOption = 4;       // MOSQ_OPT_RECEIVE_MAXIMUM (v5 incoming inflight)
    public const int SendMaximumOption = 5;          // MOSQ_OPT_SEND_MAXIMUM (v5 outgoing inflight)
    public const int TcpNoDelayOption = 11;          // MOSQ_OPT_TCP_NODELAY
    public const int ProtocolV311 = 4;               // MQTT_PROTOCOL_V311
    public const int ProtocolV5 = 5;                 // MQTT_PROTOCOL_V5
    public const int SessionExpiryIntervalProperty = 17;   // MQTT_PROP_SESSION_EXPIRY_INTERVAL

    public const int Success = 0;                    // MOSQ_ERR_SUCCESS
    public const int NoConnection = 4;               // MOSQ_ERR_NO_CONN
    public const int Errno = 14;                     // MOSQ_ERR_ERRNO: the cause is in errno
    public const int AddressLookupFailed = 15;       // MOSQ_ERR_EAI

    // mosquitto_lib_init must run once per process before any mosquitto_new (it seeds OpenSSL and the
    // random client ids). It is the one piece of static state in the project: process-wide by nature of
    // the C library, thread-safe through Lazy, never undone (mosquitto_lib_cleanup while another client
    // still exists would break it, and the process ends anyway).
    private static readonly Lazy<int> InitResult = new(mosquitto_lib_init, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Runs <c>mosquitto_lib_init</c> once for the process; returns its result code.</summary>
    public static int EnsureInitialized() => InitResult.Value;

    /// <summary>The library's text for a <c>MOSQ_ERR_*</c> code (static memory: copied, never freed).</summary>
    public static string ErrorText(int rc) => Marshal.PtrToStringUTF8(mosquitto_strerror(rc)) ?? $"error {rc}";

    /// <summary>The text for a CONNACK code (MQTT 3.1.1) or a reason code (MQTT 5).</summary>
    public static string ConnectResultText(int rc, bool isV5) =>
        Marshal.PtrToStringUTF8(isV5 ? mosquitto_reason_string(rc) : mosquitto_connack_string(rc)) ?? $"code {rc}";

    [LibraryImport(Library)]
    private static partial int mosquitto_lib_init();

    [LibraryImport(Library)]
    public static partial int mosquitto_lib_version(out int major, out int minor, out int revision);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial MosquittoHandle mosquitto_new(string? id, [MarshalAs(UnmanagedType.U1)] bool cleanSession, nint userdata);

    [LibraryImport(Library)]
    public static partial void mosquitto_destroy(nint mosq);

    [LibraryImport(Library)]
    public static partial int mosquitto_int_option(MosquittoHandle mosq, int option, int value);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int mosquitto_username_pw_set(MosquittoHandle mosq, string? username, string? password);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int mosquitto_tls_set(MosquittoHandle mosq, string? cafile, string? capath, string? certfile, string? keyfile, nint passwordCallback);

    [LibraryImport(Library)]
    public static partial int mosquitto_tls_insecure_set(MosquittoHandle mosq, [MarshalAs(UnmanagedType.U1)] bool value);

    [LibraryImport(Library)]
    public static partial int mosquitto_reconnect_delay_set(MosquittoHandle mosq, uint reconnectDelay, uint reconnectDelayMax,
        [MarshalAs(UnmanagedType.U1)] bool exponentialBackoff);

    [LibraryImport(Library)]
    public static partial int mosquitto_max_inflight_messages_set(MosquittoHandle mosq, uint maxInflightMessages);

    // The only connect the client uses, for 3.1.1 too (properties = 0). It connects the TCP socket synchronously.
    // mosquitto_connect_async is not used: in 2.0.11, when its connect fails (broker down), loop_start's thread
    // never retries (verified with a C probe), whereas after a failed blocking connect it does. The handle keeps a
    // copy of the properties and sends them on every reconnect of the loop.
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int mosquitto_connect_bind_v5(MosquittoHandle mosq, string host, int port, int keepalive, string? bindAddress, nint properties);

    [LibraryImport(Library)]
    public static partial int mosquitto_disconnect(MosquittoHandle mosq);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int mosquitto_subscribe(MosquittoHandle mosq, int* mid, string subscription, int qos);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int mosquitto_publish(MosquittoHandle mosq, int* mid, string topic, int payloadLength, byte* payload, int qos,
        [MarshalAs(UnmanagedType.U1)] bool retain);

    [LibraryImport(Library)]
    public static partial int mosquitto_loop_start(MosquittoHandle mosq);

    [LibraryImport(Library)]
    public static partial int mosquitto_loop_stop(MosquittoHandle mosq, [MarshalAs(UnmanagedType.U1)] bool force);

    [LibraryImport(Library)]
    private static partial nint mosquitto_strerror(int rc);

    [LibraryImport(Library)]
    private static partial nint mosquitto_connack_string(int connackCode);

    [LibraryImport(Library)]
    private static partial nint mosquitto_reason_string(int reasonCode);

    [LibraryImport(Library)]
    public static partial int mosquitto_property_add_int32(nint* properties, int identifier, uint value);

    [LibraryImport(Library)]
    public static partial void mosquitto_property_free_all(nint* properties);

    [LibraryImport(Library)]
    public static partial void mosquitto_connect_callback_set(MosquittoHandle mosq, delegate* unmanaged[Cdecl]<nint, nint, int, void> callback);

    [LibraryImport(Library)]
    public static partial void mosquitto_disconnect_callback_set(MosquittoHandle mosq, delegate* unmanaged[Cdecl]<nint, nint, int, void> callback);

    [LibraryImport(Library)]
    public static partial void mosquitto_publish_callback_set(MosquittoHandle mosq, delegate* unmanaged[Cdecl]<nint, nint, int, void> callback);

    [LibraryImport(Library)]
    public static partial void mosquitto_subscribe_callback_set(MosquittoHandle mosq,
        delegate* unmanaged[Cdecl]<nint, nint, int, int, int*, void> callback);

    [LibraryImport(Library)]
    public static partial void mosquitto_message_callback_set(MosquittoHandle mosq,
        delegate* unmanaged[Cdecl]<nint, nint, MosquittoMessage*, void> callback);

    [LibraryImport(Library)]
    public static partial void mosquitto_log_callback_set(MosquittoHandle mosq, delegate* unmanaged[Cdecl]<nint, nint, int, byte*, void> callback);
}
