package dev.kintsugi.platform;

import dev.kintsugi.platform.cluster.ClusterChanges;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live pages: the server-sent-events hub every module uses. A page subscribes to a topic ({@code incident:42},
 * {@code chaos-run:7}, {@code gameday:3}) and receives named events; the page then re-fetches the parts that
 * changed, rendered for that viewer (their zone, their language, their rights), so an event carries ids, never
 * rendered content or anything a viewer may not see.
 *
 * <p>{@link #publish} inside a transaction delivers <em>after it commits</em> (nothing at all after a rollback),
 * outside one at once. Subscribers get a heartbeat every 15 s, which also drops connections that went away; every
 * stream is completed on shutdown.
 *
 * <p><strong>Several instances.</strong> Publishing goes through the cluster change log ({@link ClusterChanges},
 * topic {@code live}): the update is recorded in the surrounding transaction, and every instance's follower hands it
 * to that instance's subscribers ({@link LiveSubscribers}), so a page open on one instance sees a change made on
 * another. Callers do not see the difference.
 */
@Component
public class LiveUpdates {
    private static final Pattern TOPIC = Pattern.compile("[a-z][a-z0-9-]{0,39}:[A-Za-z0-9._-]{1,100}");
    private static final Pattern EVENT = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    private final LiveSubscribers local;
    private final LiveUpdateRelay relay;

    LiveUpdates(LiveSubscribers local, ClusterChanges changes) {
        this.local = local;
        this.relay = LiveUpdateRelay.through(changes, local);
    }

    /** Opens a stream of {@code topic}'s events for one page; the caller has checked the viewer may read it. */
    public SseEmitter subscribe(String topic) {
        return local.subscribe(requireTopic(topic));
    }

    /**
     * Sends {@code event} with {@code data} (one line, e.g. an id) to every subscriber of {@code topic}: after the
     * surrounding transaction commits, never if it rolls back, at once when there is none.
     */
    public void publish(String topic, String event, String data) {
        relay.send(new LiveUpdate(requireTopic(topic), requireEvent(event), requireData(data)));
    }

    /** How many streams of {@code topic} are open on this instance. */
    public int subscribers(String topic) {
        return local.count(topic);
    }

    private static String requireTopic(String topic) {
        if (topic == null || !TOPIC.matcher(topic).matches()) {
            throw new IllegalArgumentException("not a live-update topic (module:id): " + topic);
        }
        return topic;
    }

    private static String requireEvent(String event) {
        if (event == null || !EVENT.matcher(event).matches()) {
            throw new IllegalArgumentException("not a live-update event name: " + event);
        }
        return event;
    }

    private static String requireData(String data) {
        String d = data == null ? "" : data;
        if (d.length() > 1000 || d.indexOf('\n') >= 0 || d.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("live-update data must be one short line");
        }
        return d;
    }
}
