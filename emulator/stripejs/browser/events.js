// on/once/off/emit as Stripe's Elements expose them; a throwing listener must not stop the others.

function createEmitter() {
  var handlers = {};
  return {
    on: function (type, handler) {
      (handlers[type] = handlers[type] || []).push({ handler: handler, once: false });
    },
    once: function (type, handler) {
      (handlers[type] = handlers[type] || []).push({ handler: handler, once: true });
    },
    off: function (type, handler) {
      if (!handler) delete handlers[type];
      else handlers[type] = (handlers[type] || []).filter(function (entry) { return entry.handler !== handler; });
    },
    emit: function (type, event) {
      (handlers[type] || []).slice().forEach(function (entry) {
        if (entry.once) handlers[type] = handlers[type].filter(function (e) { return e !== entry; });
        try {
          entry.handler(event);
        } catch (error) {
          setTimeout(function () { throw error; });
        }
      });
    },
  };
}

